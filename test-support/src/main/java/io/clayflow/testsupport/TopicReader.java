package io.clayflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.opentest4j.AssertionFailedError;

/** Reads a whole topic for {@link KafkaBroker} until enough records arrived or a deadline passed. */
final class TopicReader<K, V> {

    // Short polls keep the deadline tight; poll() returns as soon as records arrive, so this costs nothing.
    private static final Duration MAX_POLL = Duration.ofMillis(200);
    private static final int RECORDS_SHOWN_ON_FAILURE = 10;

    private final Map<String, Object> consumerProps;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TopicReader(Map<String, Object> consumerProps, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this.consumerProps = Objects.requireNonNull(consumerProps, "consumerProps");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    List<ConsumerRecord<K, V>> read(String topic, int count, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<K, V> consumer = new KafkaConsumer<>(consumerProps, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
            // Assigning every partition (no group) reads the topic as it is, with no rebalance to wait for.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            while (records.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError(failure(topic, partitions.size(), count, timeout, records));
                }
                Duration poll = Duration.ofNanos(Math.min(left, MAX_POLL.toNanos()));
                consumer.poll(poll).forEach(records::add);
            }
            return records;
        }
    }

    private List<TopicPartition> partitionsOf(Consumer<K, V> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new AssertionFailedError("Topic '" + topic + "' does not exist (topics are not auto-created: "
                    + "create it with KafkaBroker.createTopic first)");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
    }

    private String failure(String topic, int partitions, int count, Duration timeout, List<ConsumerRecord<K, V>> got) {
        String shown = got.stream()
                .limit(RECORDS_SHOWN_ON_FAILURE)
                .map(TopicReader::describe)
                .collect(Collectors.joining(", ", "[", got.size() > RECORDS_SHOWN_ON_FAILURE ? ", ...]" : "]"));
        return "Expected at least " + count + " record(s) on topic '" + topic + "' (" + partitions
                + " partition(s), committed data, from the beginning) within " + timeout + ", but got " + got.size()
                + ": " + shown;
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record.partition() + "@" + record.offset() + " key=" + render(record.key());
    }

    private static String render(Object value) {
        if (value instanceof byte[]) {
            return new String((byte[]) value, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
