package io.clayflow.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the committed records of some topics, all partitions, without a consumer group: each {@link #catchUp} call
 * goes on from where the last stopped up to the end offsets as they were when it began, so a status screen that
 * calls it every second reads each record once.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration timeout;
    private final List<TopicPartition> partitions = new ArrayList<>();

    /** Tails the topics that exist among {@code topics}; a missing topic is left out (see {@link #partitions}). */
    public TopicTail(ClusterSettings cluster, List<String> topics) {
        Objects.requireNonNull(cluster, "cluster");
        this.timeout = cluster.timeout();
        Map<String, Object> props = cluster.consumerProperties(null);
        props.put("max.partition.fetch.bytes", 4 * 1024 * 1024);
        this.consumer = new KafkaConsumer<>(props);
        try {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(timeout);
            for (String topic : topics) {
                for (PartitionInfo info : existing.getOrDefault(topic, List.of())) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The partitions being read. */
    public List<TopicPartition> partitions() {
        return List.copyOf(partitions);
    }

    /**
     * Hands every committed record from the current positions up to the present end offsets to {@code handler}.
     *
     * @throws ClusterException (unreachable) when the end is not reached within the timeout
     */
    public void catchUp(Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new ClusterException(true, "timed out after " + timeout.toSeconds()
                        + " s reading " + partitions.stream().map(TopicPartition::topic).distinct().toList(), null);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(handler);
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey(), timeout) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
