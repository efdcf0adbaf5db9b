package io.clayflow.stack.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a topic holds now (committed records only), and how far a consumer group has read it. */
final class TopicContents {

    private final String bootstrapServers;

    TopicContents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every committed record of {@code topic}, read from the beginning up to its end offsets as of now. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The distinct record keys of {@code topic}, as text. */
    List<String> keys(String topic) {
        return read(topic).stream().map(record -> new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.toList());
    }

    /**
     * Whether {@code group} has committed, on every partition of {@code topic}, past the partition's last record.
     * (Not its end offset: on a transactional topic the last offset is a commit marker, which a sink never commits.)
     */
    boolean caughtUp(String group, String topic) throws Exception {
        Map<TopicPartition, Long> next = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic)) {
            next.merge(new TopicPartition(topic, record.partition()), record.offset() + 1, Math::max);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return next.entrySet().stream().allMatch(entry -> committed.get(entry.getKey()) != null
                    && committed.get(entry.getKey()).offset() >= entry.getValue());
        }
    }
}
