package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.ledger.ClayLedgerApp;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.StreamsAppRunner;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's side of the Clay ledger against a real broker: {@code clayflow status} shows none overdue after a clean
 * round trip through the real ledger app; {@code clayflow clay resend-overdue} shows the overdue rows per table, sends
 * nothing without {@code --yes}, and with it writes one request to every partition of the resend topic.
 */
@OwnBrokerIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClayLedgerCliIT {

    private static final int LEADS = 60;
    private static final Pattern NONE_OVERDUE = Pattern.compile(
            "Clay callbacks\\s+0\\s+overdue, table default: 0 awaiting a callback; 0 late, 0 re-sent");

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;

    ClayLedgerCliIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @Test
    @Order(1)
    void statusShowsNoneOverdueAfterEveryRowClayTookWasCalledBack(@TempDir Path dir) throws Exception {
        for (String topic : List.of(Topics.LEADS_ENRICHED, Topics.LEADS_CLAY_SENT, Topics.LEADS_CLAY_OUTBOX)) {
            kafka.createTopic(topic, 3);
        }
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", kafka.bootstrapServers());
        settings.put("schema.registry.url", registry.url());
        settings.put("management.port", "-1");
        settings.put("clay.callback.timeout", "PT20S");
        settings.put("clay.ledger.check.interval", "PT0.5S");
        settings.put("streams.state.dir", dir.toString());
        try (StreamsAppRunner ledger = new StreamsAppRunner(new ClayLedgerApp(ClayLedgerConfig.LOADER.resolve(
                settings)), Duration.ofSeconds(10))) {
            ledger.start();
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int i = 0; i < LEADS; i++) {
                byte[] leadId = ("clean-" + i).getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> sent = new ProducerRecord<>(Topics.LEADS_CLAY_SENT, leadId,
                        "lead bytes".getBytes(StandardCharsets.UTF_8));
                sent.headers().add(ClayLedger.Headers.TABLE, ClayLedger.DEFAULT_TABLE.getBytes(StandardCharsets.UTF_8))
                        .add(ClayLedger.Headers.SENT_AT, Long.toString(System.currentTimeMillis())
                                .getBytes(StandardCharsets.UTF_8));
                records.add(sent);
                records.add(new ProducerRecord<>(Topics.LEADS_ENRICHED, leadId,
                        "enriched".getBytes(StandardCharsets.UTF_8)));
            }
            kafka.produceAll(records);

            CliRun status = await("the ledger's figures in clayflow status").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> CliRun.against(kafka, registry, "status",
                            "--connect-url", "http://127.0.0.1:1"), run -> NONE_OVERDUE.matcher(run.out()).find());
            System.out.println(status.out());
            CliRun json = CliRun.against(kafka, registry, "status", "--connect-url", "http://127.0.0.1:1",
                    "--output", "json");
            JsonNode callbacks = new ObjectMapper().readTree(json.out()).path("clay_callbacks");
            assertThat(callbacks.path("overdue").asLong()).isZero();
            assertThat(callbacks.path("tables").path("default").path("open").asLong()).isZero();
            assertThat(callbacks.path("tables").path("default").path("overdue_total").asLong()).isZero();
        }
    }

    @Test
    @Order(2)
    void resendOverdueShowsTheOverdueRowsSendsNothingWithoutYesAndOneRequestPerPartitionWithIt() {
        createIfMissing(Topics.CLAY_RESEND_REQUESTS, 3, Map.of());
        createIfMissing(Topics.CLAY_LEDGER_SUMMARY, 1, Map.of("cleanup.policy", "compact"));
        summary("main", 0, new ClayLedger.Summary(5, 3, 1, 3, 0, 0));
        summary("main", 1, new ClayLedger.Summary(2, 1, 1, 1, 0, 0));
        summary("other", 0, new ClayLedger.Summary(1, 0, 1, 0, 0, 0));

        CliRun dryRun = CliRun.against(kafka, registry, "clay resend-overdue");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("table main: 4 overdue", "table other: 0 overdue",
                "4 overdue row(s); nothing re-sent");
        assertThat(requests()).isEmpty();

        CliRun resend = CliRun.against(kafka, registry, "clay resend-overdue", "--table", "main", "--yes");

        assertThat(resend.exitCode()).as(resend.err()).isZero();
        assertThat(resend.out()).contains("table main (4 when last counted) on 3 partition(s)");
        List<ConsumerRecord<byte[], byte[]>> requests = requests();
        assertThat(requests).extracting(ConsumerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(requests).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("main");
    }

    private void createIfMissing(String topic, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                kafka.createTopic(topic, partitions, configs);
            }
        } catch (Exception e) {
            throw new AssertionError("Cannot look for " + topic, e);
        }
    }

    private void summary(String table, int partition, ClayLedger.Summary summary) {
        kafka.produce(Topics.CLAY_LEDGER_SUMMARY, ClayLedger.summaryKey(table, partition),
                summary.encode().getBytes(StandardCharsets.UTF_8));
    }

    private List<ConsumerRecord<byte[], byte[]>> requests() {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove("group.id");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = List.of(0, 1, 2).stream()
                    .map(p -> new TopicPartition(Topics.CLAY_RESEND_REQUESTS, p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
