package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.cli.ExitCodes;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.streams.DeadLetter;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead letter whose cause is fixed is replayed once and flows on, against a real broker, registry and intake app.
 * The cause is honest and common: intake ran with {@code validate.max.length.first_name=10}, so a lead with a long
 * given name was refused ({@code first_name.too_long}). The operator raises the limit, restarts intake, and runs
 * {@code clayflow dlq replay --reason first_name.too_long}: the lead reaches the Clay outbox. Replaying again sends
 * nothing, and the replayed record carries its lineage.
 */
@OwnBrokerIntegrationTest
class DlqReplayIT {

    @Test
    void aFixedDeadLetterIsReplayedOnceAndFlowsOn(KafkaBroker kafka, SchemaRegistryServer registry,
                                                  @TempDir Path dir) throws Exception {
        kafka.createTopic(Topics.LEADS_RAW, 3);
        kafka.createTopic(Topics.LEADS_ENRICHED, 3);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, 3);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        Lead longName = lead("Maximiliane", "max@acme.com");
        Lead shortName = lead("Ann", "ann@acme.com");
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            ProducerRecord<byte[], byte[]> traced = new ProducerRecord<>(Topics.LEADS_RAW, null,
                    serializer.serialize(Topics.LEADS_RAW, longName));
            traced.headers().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8));
            kafka.produceAll(List.of(traced, new ProducerRecord<>(Topics.LEADS_RAW, null,
                    serializer.serialize(Topics.LEADS_RAW, shortName))));
        }

        Path state = dir.resolve("state");
        try (IntakeRunner strict = new IntakeRunner(kafka, registry, state,
                Map.of(IntakeConfig.MAX_LENGTH_PREFIX + "first_name", "10"))) {
            kafka.consume(Topics.LEADS_CLAY_OUTBOX, 1, Duration.ofSeconds(60));
            List<ConsumerRecord<byte[], byte[]>> dlq = kafka.consume(Topics.LEADS_DLQ, 1, Duration.ofSeconds(60));
            assertThat(DeadLetter.header(dlq.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo("first_name.too_long");
        }

        CliRun list = CliRun.against(kafka, registry, "dlq list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("intake\\.validate\\s+first_name\\.too_long\\s+1\\s+0");

        CliRun dryRun = CliRun.against(kafka, registry, "dlq replay", "--reason", "first_name.too_long", "--dry-run");
        assertThat(dryRun.out()).contains("would replay 1 to leads.raw");
        CliRun show = CliRun.against(kafka, registry, "dlq show", "--stage", "intake.*");
        assertThat(show.out()).contains("first_name.too_long", "Maximiliane", "trace-id = t-1", "1 of 1");

        // The fix: intake restarted with the shipped limits (same application id, so it resumes where it stopped).
        try (IntakeRunner fixed = new IntakeRunner(kafka, registry, state, Map.of())) {
            CliRun replay = CliRun.against(kafka, registry, "dlq replay", "--reason", "first_name.too_long",
                    "--from", "1h");
            assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
            assertThat(replay.out()).contains("replayed 1 to leads.raw");

            List<ConsumerRecord<String, Lead>> outbox = kafka.consume(Topics.LEADS_CLAY_OUTBOX, 2,
                    Duration.ofSeconds(60), new StringDeserializer(), fixed.serde().deserializer());
            assertThat(outbox).extracting(record -> record.value().getFirstName())
                    .containsExactlyInAnyOrder("Ann", "Maximiliane");

            CliRun again = CliRun.against(kafka, registry, "dlq replay", "--reason", "first_name.too_long");
            assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
            assertThat(again.out()).contains("skipped 1 already replayed", "nothing to replay");
        }

        // Nothing was sent twice: the raw topic holds the two leads and one replay, which carries its lineage.
        List<ConsumerRecord<byte[], byte[]>> raw = kafka.consume(Topics.LEADS_RAW, 3, Duration.ofSeconds(30));
        assertThat(raw).hasSize(3);
        ConsumerRecord<byte[], byte[]> replayed = raw.stream()
                .filter(record -> record.headers().lastHeader("clayflow.replay.of") != null).findFirst().orElseThrow();
        assertThat(DeadLetter.header(replayed.headers(), "clayflow.replay.of")).isEqualTo("leads.dlq/0/0");
        assertThat(DeadLetter.header(replayed.headers(), "trace-id")).isEqualTo("t-1");
        assertThat(replayed.headers().lastHeader(DeadLetterHeaders.REASON)).isNull();
        assertThat(kafka.consume(Topics.LEADS_CLAY_OUTBOX, 2, Duration.ofSeconds(30))).hasSize(2);

        CliRun listAfter = CliRun.against(kafka, registry, "dlq list");
        assertThat(listAfter.out()).containsPattern("intake\\.validate\\s+first_name\\.too_long\\s+1\\s+1");
    }

    private static Lead lead(String firstName, String email) {
        return Lead.newBuilder().setFirstName(firstName).setLastName("Muster").setEmail(email).setSource("web-form")
                .setOccurredAt(Instant.parse("2026-11-20T10:00:00Z")).build();
    }
}
