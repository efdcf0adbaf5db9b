package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * {@code clayflow clay resend-overdue} against a real broker: it shows the ledger's overdue rows per table, sends
 * nothing without {@code --yes}, and with it writes one request to every partition of the resend topic.
 */
@ClayflowIntegrationTest
class ResendOverdueIT {

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;

    ResendOverdueIT(KafkaBroker kafka, SchemaRegistryServer registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    @Test
    void showsTheOverdueRowsSendsNothingWithoutYesAndOneRequestPerPartitionWithIt() {
        kafka.createTopic(Topics.CLAY_RESEND_REQUESTS, 3);
        kafka.createTopic(Topics.CLAY_LEDGER_SUMMARY, 1, Map.of("cleanup.policy", "compact"));
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
