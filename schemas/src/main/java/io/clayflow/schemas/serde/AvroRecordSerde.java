package io.clayflow.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the generic and the specific Avro serde share: one serializer and one deserializer, configured together,
 * the reader kind ({@code specific.avro.reader}) fixed by the serde whatever the configuration says.
 */
abstract class AvroRecordSerde<T> implements Serde<T> {

    private final KafkaAvroSerializer serializer;
    private final KafkaAvroDeserializer deserializer;
    private final boolean specificReader;

    AvroRecordSerde(KafkaAvroSerializer serializer, KafkaAvroDeserializer deserializer, boolean specificReader) {
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.specificReader = specificReader;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withReader = new HashMap<>(configs);
        withReader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, specificReader);
        serializer.configure(withReader, isKey);
        deserializer.configure(withReader, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer::serialize;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<T> deserializer() {
        return (topic, data) -> (T) deserializer.deserialize(topic, data);
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
