package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;

/** A Kafka Streams serde for one generated Avro class, in the Confluent wire format. */
public class SpecificAvroSerde<T extends SpecificRecord> extends AvroRecordSerde<T> {

    /** For Kafka, which configures the serde through {@link #configure}; records read into their own classes. */
    public SpecificAvroSerde() {
        super(new KafkaAvroSerializer(), new KafkaAvroDeserializer(), true);
    }

    /** Reads every record into {@code type}, with a client shared with other serdes. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
        super(new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client).readingInto(type), true);
    }
}
