package io.clayflow.status;

import io.clayflow.config.SharedKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where a cluster is and how to talk to it: the brokers, the schema registry, extra client settings (SASL/SSL,
 * registry auth, anything a Kafka client or our Avro serde understands) and how long to wait for an answer. Free of
 * picocli, so code outside the command line (the status app) can build one.
 */
public record ClusterSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties,
        Duration timeout) {

    public ClusterSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        clientProperties = Map.copyOf(clientProperties);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** The defaults every clayflow app shares ({@link SharedKeys}): what {@code ./clayflow up} serves. */
    public static ClusterSettings local() {
        return new ClusterSettings(SharedKeys.DEFAULT_BOOTSTRAP_SERVERS, SharedKeys.DEFAULT_SCHEMA_REGISTRY_URL, Map.of(),
                Duration.ofSeconds(10));
    }

    /** The settings every client shares: the extra properties, then the brokers. */
    public Map<String, Object> commonProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** An admin client that gives up on a call after {@link #timeout()}. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = commonProperties();
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "clayflow-cli-admin");
        return props;
    }

    /** A byte-array producer that waits for every in-sync replica and never writes a record twice. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> props = commonProperties();
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "clayflow-cli-producer");
        // A broker that never answers must not hang the command forever.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** A byte-array consumer that reads committed data only; without a group unless one is given. */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> props = commonProperties();
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "clayflow-cli-consumer");
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                timeout.toMillis()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Settings for our Avro serde and registry client: the extra properties and the registry URL. */
    public Map<String, Object> serdeProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(SharedKeys.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        return props;
    }
}
