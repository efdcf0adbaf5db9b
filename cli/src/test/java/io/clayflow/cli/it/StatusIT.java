package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clayflow status} against a real broker, registry and intake app: after {@code clayflow demo} the counters
 * match what demo says it sent (unique, duplicates, invalid), dead letters of both conventions are grouped, the
 * downstream topics and the webhook quota are read; an unreachable cluster is a quick, clear, non-zero exit.
 */
@ClayflowIntegrationTest
class StatusIT {

    private static final Pattern SENT = Pattern.compile(
            "Sent (\\d+) leads to leads.raw: (\\d+) unique valid, (\\d+) duplicates, (\\d+) invalid");

    @Test
    void countsMatchWhatWasProduced(KafkaBroker kafka, SchemaRegistryServer registry, @TempDir Path dir)
            throws Exception {
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_DLQ)) {
            kafka.createTopic(topic, topic.equals(Topics.LEADS_DLQ) ? 1 : 3);
        }
        kafka.createTopic(Topics.LEADS_ENRICHED, 1);
        kafka.createTopic(Topics.LEADS_ROUTE_CRM, 1);
        kafka.createTopic("clayflow.clay-webhook-quota", 1, Map.of("cleanup.policy", "compact"));

        CliRun demo = CliRun.against(kafka, registry, "demo", "--leads", "600", "--duplicates", "0.25", "--invalid",
                "0.05", "--seed", "99");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        Matcher sent = SENT.matcher(demo.out());
        assertThat(sent.find()).as(demo.out()).isTrue();
        long unique = Long.parseLong(sent.group(2));
        long duplicates = Long.parseLong(sent.group(3));
        long invalid = Long.parseLong(sent.group(4));
        assertThat(unique + duplicates + invalid).isEqualTo(600);
        assertThat(duplicates).isEqualTo(150);

        // What the Clay sink and routing would have written, and one Connect dead letter.
        kafka.produce(Topics.LEADS_ENRICHED, "lead-1", new byte[] {0});
        kafka.produce(Topics.LEADS_ENRICHED, "lead-2", new byte[] {0});
        kafka.produce(Topics.LEADS_ROUTE_CRM, "lead-1", new byte[] {0});
        kafka.produce("clayflow.clay-webhook-quota", "a1b2c3d4e5f6", "100".getBytes(StandardCharsets.UTF_8));
        kafka.produce("clayflow.clay-webhook-quota", "a1b2c3d4e5f6", "120".getBytes(StandardCharsets.UTF_8));
        kafka.produce("clayflow.clay-webhook-quota", "progress/clay-webhook-sink/leads.clay.outbox/0",
                "118@Nxg82kpURkKrvypRTTIr8g".getBytes(StandardCharsets.UTF_8)); // not a count: not summed
        RecordHeaders connect = new RecordHeaders();
        connect.add("__connect.errors.topic", bytes(Topics.LEADS_CLAY_OUTBOX));
        connect.add("__connect.errors.connector.name", bytes("clay-webhook-sink"));
        connect.add("__connect.errors.stage", bytes("TASK_PUT"));
        connect.add("__connect.errors.exception.class.name", bytes("org.apache.kafka.connect.errors.DataException"));
        kafka.produce(new ProducerRecord<>(Topics.LEADS_DLQ, null, null, bytes("k"), bytes("v"), connect));

        ClusterSettings cluster = new ClusterSettings(kafka.bootstrapServers(), registry.url(), Map.of(),
                Duration.ofSeconds(30));
        try (IntakeRunner intake = new IntakeRunner(kafka, registry, dir.resolve("state"), Map.of());
             StatusCollector collector = new StatusCollector(cluster, StatusCollector.Options.defaults(),
                     Clock.systemUTC())) {
            // The collector is polled as up's screen polls it: incrementally, until intake has caught up.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                PipelineStatus status = collector.collect();
                assertThat(status.released()).isEqualTo(unique);
                assertThat(status.duplicatesDropped()).isEqualTo(duplicates);
            });
            // The Clay sink's consumer group (connect-<connector>) has committed everything released so far.
            try (KafkaConsumer<byte[], byte[]> sink = new KafkaConsumer<>(
                    kafka.consumerProps("connect-clay-webhook-sink"))) {
                List<TopicPartition> outbox = sink.partitionsFor(Topics.LEADS_CLAY_OUTBOX).stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                Map<TopicPartition, OffsetAndMetadata> end = new java.util.HashMap<>();
                sink.endOffsets(outbox).forEach((partition, offset) -> end.put(partition,
                        new OffsetAndMetadata(offset)));
                sink.commitSync(end);
            }
            PipelineStatus status = collector.collect();
            assertThat(status.claySenderLag()).containsExactly(Map.entry("connect-clay-webhook-sink", 0L));
            assertThat(status.raw()).isEqualTo(600);
            assertThat(status.invalid()).isEqualTo(invalid);
            assertThat(status.waitingInThrottle()).isZero();
            assertThat(status.creditsSpent()).isEqualTo(unique);
            assertThat(status.enriched()).isEqualTo(2);
            assertThat(status.routed()).containsEntry("crm", 1L);
            assertThat(status.webhookSubmissions()).containsOnlyKeys("a1b2c3d4e5f6")
                    .containsEntry("a1b2c3d4e5f6", 120L);
            assertThat(status.deadLetters().get("intake.validate").values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(invalid);
            assertThat(status.deadLetters()).containsEntry("connect.clay-webhook-sink.task_put",
                    Map.of("DataException", 1L));
            assertThat(status.deadLetterTotal()).isEqualTo(invalid + 1);
        }

        CliRun run = CliRun.against(kafka, registry, "status");
        System.out.print(run.out());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("raw\\s+600")
                .containsPattern("duplicates dropped\\s+" + duplicates)
                .containsPattern("released to Clay\\s+" + unique)
                .containsPattern("invalid\\s+" + invalid)
                .containsPattern("routed crm\\s+1")
                .containsPattern("Clay sender lag\\s+0\\s+connect-clay-webhook-sink")
                .contains("connect.clay-webhoo", "DataException", "webhook quota used", "120");
    }

    @Test
    void anUnreachableClusterIsAClearNonZeroExitWithinTheTimeout() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        CliRun run = CliRun.run("status", "--bootstrap-servers", "127.0.0.1:" + closedPort, "--timeout", "2s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the Kafka cluster at 127.0.0.1:");
        assertThat(run.out()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
