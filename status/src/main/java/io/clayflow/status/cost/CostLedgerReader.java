package io.clayflow.status.cost;

import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterException;
import io.clayflow.status.ClusterSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the committed cost events of a time range from {@link Topics#COST_EVENTS} into a {@link CostLedger}: from
 * the first record stamped at {@code from} minus {@link #SLACK} (records of several stages are not stamped in
 * offset order) up to the end offsets as they are now. {@code clayflow cost} uses it.
 */
public final class CostLedgerReader {

    /** How far before {@code from} reading starts, for records stamped out of offset order. */
    static final Duration SLACK = Duration.ofHours(1);

    private final ClusterSettings cluster;
    private final String topic;

    public CostLedgerReader(ClusterSettings cluster, String topic) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public CostLedgerReader(ClusterSettings cluster) {
        this(cluster, Topics.COST_EVENTS);
    }

    /**
     * The ledger from {@code from} on; empty when the topic does not exist yet.
     *
     * @throws ClusterException when the end is not reached within the cluster timeout
     */
    public CostLedger read(Instant from) {
        Duration timeout = cluster.timeout();
        CostLedger ledger = new CostLedger();
        Map<String, Object> props = cluster.consumerProperties(null);
        props.put("max.partition.fetch.bytes", 4 * 1024 * 1024);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.listTopics(timeout).getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            if (partitions.isEmpty()) {
                return ledger;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> at = new HashMap<>();
            long startMs = Math.max(0, from.minus(SLACK).toEpochMilli());
            partitions.forEach(p -> at.put(p, startMs));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at, timeout);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? end.get(partition) : start.offset());
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterException(true, "timed out after " + timeout.toSeconds() + " s reading "
                            + topic, null);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> ledger.add(record.value()));
            }
        }
        return ledger;
    }
}
