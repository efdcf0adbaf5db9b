package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.SchemaRegistryClient;
import java.util.Map;

/**
 * What the Avro serializer and deserializer share: their configuration, the subject name strategy, and a registry
 * client, either shared with other serdes (passed in) or their own (made from the configuration, closed with them).
 */
abstract class AbstractKafkaAvroSerde implements AutoCloseable {

    private SchemaRegistryClient client;
    private boolean ownsClient;
    private AvroSerdeConfig config;
    private SubjectNameStrategy subjectNameStrategy;
    private boolean isKey;

    AbstractKafkaAvroSerde(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Reads the serde configuration; makes a registry client unless one was given. */
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        if (client == null) {
            client = new SchemaRegistryClient(config);
            ownsClient = true;
        }
    }

    final AvroSerdeConfig config() {
        if (config == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        return config;
    }

    final SchemaRegistryClient client() {
        return client;
    }

    final String subject(String topic, org.apache.avro.Schema schema) {
        return subjectNameStrategy.subjectName(topic, isKey, schema);
    }

    @Override
    public void close() {
        if (ownsClient && client != null) {
            client.close();
        }
    }
}
