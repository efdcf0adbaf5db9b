package io.clayflow.faults;

import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.testsupport.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/** Every committed record of a topic, read from the beginning to the end as it is now, and whether each decodes. */
final class TopicDump {

    private final KafkaBroker kafka;

    TopicDump(KafkaBroker kafka) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
    }

    List<ConsumerRecord<byte[], byte[]>> all(String topic) {
        return all(topic, true);
    }

    /**
     * Records of transactions that were aborted (or are still open): on the topic for a consumer that reads
     * uncommitted data, absent for one that reads committed data only.
     */
    List<ConsumerRecord<byte[], byte[]>> notCommitted(String topic) {
        Set<String> committed = new HashSet<>();
        all(topic, true).forEach(record -> committed.add(record.partition() + "@" + record.offset()));
        return all(topic, false).stream().filter(record -> !committed.contains(record.partition() + "@"
                + record.offset())).toList();
    }

    private List<ConsumerRecord<byte[], byte[]>> all(String topic, boolean readCommitted) {
        Map<String, Object> props = kafka.consumerProps(null);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Awaitility.await("reading " + topic + " to its end").atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(1)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                    });
        }
        return records;
    }

    /**
     * The records of {@code topic} whose value does not decode as Avro in the Confluent wire format with the registry
     * (each described by partition, offset and the error).
     */
    List<String> undecodable(String topic, String registryUrl) {
        List<String> bad = new ArrayList<>();
        try (KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer()) {
            deserializer.configure(Map.of("schema.registry.url", registryUrl), false);
            for (ConsumerRecord<byte[], byte[]> record : all(topic)) {
                try {
                    Objects.requireNonNull(deserializer.deserialize(topic, record.value()), "null value");
                } catch (RuntimeException e) {
                    bad.add(topic + "-" + record.partition() + "@" + record.offset() + ": " + e);
                }
            }
        }
        return bad;
    }
}
