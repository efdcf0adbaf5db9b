package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/** A Kafka Streams serde for GenericRecord, in the Confluent wire format. */
public class GenericAvroSerde extends AvroRecordSerde<GenericRecord> {

    /** For Kafka, which configures the serde through {@link #configure}. */
    public GenericAvroSerde() {
        super(new KafkaAvroSerializer(), new KafkaAvroDeserializer(), false);
    }

    /** With a client shared with other serdes. */
    public GenericAvroSerde(SchemaRegistryClient client) {
        super(new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client), false);
    }
}
