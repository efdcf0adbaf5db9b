package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** A Kafka Streams serde for GenericRecord, in the Confluent wire format. */
public class GenericAvroSerde implements Serde<GenericRecord> {

    private final KafkaAvroSerializer serializer;
    private final KafkaAvroDeserializer deserializer;

    /** For Kafka, which configures the serde through {@link #configure}. */
    public GenericAvroSerde() {
        this.serializer = new KafkaAvroSerializer();
        this.deserializer = new KafkaAvroDeserializer();
    }

    /** With a client shared with other serdes. */
    public GenericAvroSerde(SchemaRegistryClient client) {
        this.serializer = new KafkaAvroSerializer(client);
        this.deserializer = new KafkaAvroDeserializer(client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> generic = new HashMap<>(configs);
        generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        serializer.configure(generic, isKey);
        deserializer.configure(generic, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer::serialize;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return (topic, data) -> (GenericRecord) deserializer.deserialize(topic, data);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
