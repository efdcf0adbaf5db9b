package io.clayflow.status;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@link ClayCallbacks} from the Clay ledger's compacted summary topic ({@link Topics#CLAY_LEDGER_SUMMARY}),
 * whole, at each call: a few records per table and partition. Bounded by the cluster's timeout; a cluster that does
 * not answer is a {@link ClusterException}.
 */
public final class ClayCallbacksReader {

    private final ClusterSettings cluster;
    private final Clock clock;

    public ClayCallbacksReader(ClusterSettings cluster, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ClayCallbacks read() {
        Map<String, Object> props = cluster.consumerProperties(null);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clayflow-status-clay-callbacks");
        Map<String, String> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLAY_LEDGER_SUMMARY, cluster.timeout())
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            if (!partitions.isEmpty()) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions, cluster.timeout());
                long deadline = System.nanoTime() + cluster.timeout().toNanos();
                while (partitions.stream().anyMatch(p -> consumer.position(p, cluster.timeout()) < end.get(p))) {
                    if (System.nanoTime() > deadline) {
                        throw new ClusterException(true, "timed out reading " + Topics.CLAY_LEDGER_SUMMARY, null);
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.key() != null) {
                            latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value() == null
                                    ? null : new String(record.value(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new ClusterException(true, "the Kafka cluster at " + cluster.bootstrapServers()
                    + " did not answer within " + cluster.timeout().toSeconds() + " s", e);
        } catch (KafkaException e) {
            throw new ClusterException(false, "cannot read " + Topics.CLAY_LEDGER_SUMMARY + ": " + e.getMessage(), e);
        }
        Map<String, ClayLedger.Summary> tables = new HashMap<>();
        latest.forEach((key, value) -> {
            if (value != null) {
                tables.merge(ClayLedger.summaryTable(key), ClayLedger.Summary.decode(value), ClayLedger.Summary::plus);
            }
        });
        return new ClayCallbacks(clock.instant(), tables);
    }
}
