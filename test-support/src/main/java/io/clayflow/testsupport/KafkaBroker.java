package io.clayflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A running single-node Kafka cluster a test talks to, with helpers for topics, producing and consuming.
 *
 * <p>The helpers only need {@link #bootstrapServers()}, so every back-end (in the JVM, in a container) shares them.
 */
public interface KafkaBroker extends AutoCloseable {

    /**
     * A broker of its own, on the backend this run selected ({@code -Dclayflow.kafka} / {@code CLAYFLOW_KAFKA}: in
     * the JVM, or a Testcontainers container where Docker is), for a test class that must not share the suite's
     * broker; the caller closes it.
     */
    static KafkaBroker startOwn() {
        return KafkaBackendSelector.fromEnvironment().start();
    }


    /** How long the helpers wait for the broker before giving up, unless a method takes its own timeout. */
    Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();

    /** Stops the broker and deletes its data. */
    @Override
    void close();

    /** Settings for an {@code Admin} client; a fresh mutable map on each call. */
    default Map<String, Object> adminProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Settings for an idempotent, {@code acks=all} producer of byte arrays; a fresh mutable map on each call. */
    default Map<String, Object> producerProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) OPERATION_TIMEOUT.toMillis());
        return props;
    }

    /** {@link #producerProps()} plus a {@code transactional.id}. */
    default Map<String, Object> transactionalProducerProps(String transactionalId) {
        Map<String, Object> props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return props;
    }

    /**
     * Settings for a consumer of byte arrays in group {@code groupId} that starts from the earliest offset and reads
     * only committed transactional data, as the pipeline's own consumers do; a fresh mutable map on each call.
     */
    default Map<String, Object> consumerProps(String groupId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configs (e.g. {@code cleanup.policy=compact}) and
     * waits until every partition has a leader. Fails if the topic exists: the broker is shared by the whole suite.
     */
    default void createTopic(String name, int partitions, Map<String, String> configs) {
        new TopicAdmin(adminProps()).create(name, partitions, configs);
    }

    /** Sends one record with a UTF-8 key (may be null) and waits for the broker's ack. */
    default RecordMetadata produce(String topic, String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return produce(new ProducerRecord<>(topic, keyBytes, value));
    }

    /** Sends one record (partition, timestamp and headers as given) and waits for the broker's ack. */
    default RecordMetadata produce(ProducerRecord<byte[], byte[]> record) {
        return produceAll(List.of(record)).get(0);
    }

    /** Sends the records in order with one producer and waits for every ack; returns their metadata in order. */
    default List<RecordMetadata> produceAll(List<ProducerRecord<byte[], byte[]>> records) {
        return new TopicWriter(producerProps()).send(records);
    }

    /**
     * Reads {@code topic} from the beginning of every partition, without a consumer group and only committed data,
     * until at least {@code count} records arrived; fails with an {@code AssertionFailedError} naming what did arrive
     * if they don't within {@code timeout}. Returns every record read, so a test can also assert there were no more.
     */
    default List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        return consume(topic, count, timeout, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** {@link #consume(String, int, Duration)} with the given deserializers. */
    default <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
            Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Map<String, Object> props = consumerProps(null);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new TopicReader<>(props, keyDeserializer, valueDeserializer).read(topic, count, timeout);
    }
}
