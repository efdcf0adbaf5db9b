package io.clayflow.connect.warehouse;

import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Decodes a record's raw value (Confluent wire format) into a generic record carrying its writer's schema, so the
 * table sees every field the producer wrote, including fields newer than this build's generated classes.
 */
public final class RecordDecoder implements AutoCloseable {

    private final KafkaAvroDeserializer deserializer;

    public RecordDecoder(KafkaAvroDeserializer deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    /**
     * @throws DataException the value is not an Avro record clayflow can read (a dead letter)
     * @throws RegistryUnavailableException the schema registry cannot be reached: retry later
     */
    public GenericRecord decode(SinkRecord record) {
        if (!(record.value() instanceof byte[] bytes)) {
            throw new DataException("Expected the topic's raw bytes (value.converter="
                    + "org.apache.kafka.connect.converters.ByteArrayConverter), got "
                    + record.value().getClass().getName());
        }
        Object value;
        try {
            value = deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException sre && sre.isRetryable()) {
                throw new RegistryUnavailableException("Schema registry unavailable: " + sre.getMessage(), sre);
            }
            throw new DataException("Not an Avro record clayflow can read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DataException("Not an Avro record clayflow can read: " + e, e);
        }
        if (!(value instanceof GenericRecord generic)) {
            throw new DataException("Expected an Avro record, got " + (value == null ? "null" : value.getClass()));
        }
        return generic;
    }

    @Override
    public void close() {
        deserializer.close();
    }

    /** The registry could not be asked for a schema: nothing is wrong with the record. */
    public static final class RegistryUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
