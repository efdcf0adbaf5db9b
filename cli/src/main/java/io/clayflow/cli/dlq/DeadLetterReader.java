package io.clayflow.cli.dlq;

import io.clayflow.status.ClusterSettings;
import io.clayflow.status.DeadLetterInfo;
import io.clayflow.status.TopicTail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a dead-letter topic from its beginning to its present end and hands over the entries a filter selects. */
public final class DeadLetterReader {

    private final ClusterSettings cluster;
    private final String topic;

    public DeadLetterReader(ClusterSettings cluster, String topic) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Every selected entry, in partition then offset order. */
    public List<DeadLetterEntry> read(DeadLetterFilter filter) {
        List<DeadLetterEntry> entries = new ArrayList<>();
        forEach(filter, entries::add);
        entries.sort(Comparator.comparingInt(DeadLetterEntry::partition).thenComparingLong(DeadLetterEntry::offset));
        return entries;
    }

    /** Hands each selected entry to {@code handler} as it is read, without keeping them. */
    public void forEach(DeadLetterFilter filter, Consumer<DeadLetterEntry> handler) {
        try (TopicTail tail = new TopicTail(cluster, List.of(topic))) {
            if (tail.partitions().isEmpty()) {
                throw new io.clayflow.cli.CliException(io.clayflow.cli.ExitCodes.FAILED,
                        "the dead-letter topic " + topic + " does not exist");
            }
            tail.catchUp(record -> {
                DeadLetterEntry entry = entry(record);
                if (filter.matches(entry)) {
                    handler.accept(entry);
                }
            });
        }
    }

    static DeadLetterEntry entry(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetterEntry(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), record.headers(),
                DeadLetterInfo.parse(record.headers()));
    }
}
