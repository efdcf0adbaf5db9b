package io.clayflow.connect.sink;

import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Decodes the raw values of a put (Avro in the Confluent wire format) with clayflow's serde, as a compiled class
 * ({@code Lead}, {@code EnrichedLead}) or, asked for {@link GenericRecord}, with the writer's own schema, so that a
 * newer producer's fields reach the sink. One registry-outage rule for every sink: a schema the registry cannot be
 * asked for is not the record's fault, so the put is not decoded at all ({@link UnavailableException}: the task
 * pauses and reads it again); a value that does not decode for any other reason is the record's, and it is refused
 * (a dead letter) while the rest go on.
 */
public final class RecordDecoder<T> implements AutoCloseable {

    private final KafkaAvroDeserializer deserializer;
    private final Class<T> type;

    public RecordDecoder(KafkaAvroDeserializer deserializer, Class<T> type) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * A decoder configured from the connector's settings: the registry URL and any Confluent serde key (auth, ...)
     * pass through as they are.
     */
    public static <T> RecordDecoder<T> configured(Map<String, ?> settings, Class<T> type) {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("specific.avro.reader", !GenericRecord.class.equals(type));
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(props, false);
        return new RecordDecoder<>(deserializer, type);
    }

    /**
     * The put's values, in order, and the records refused; tombstones (null values) are neither: no sink deletes.
     *
     * @throws UnavailableException the schema registry cannot be reached: nothing is wrong with the records
     */
    public DecodedPut<T> decode(Collection<SinkRecord> records) throws UnavailableException {
        List<DecodedPut.Value<T>> values = new ArrayList<>(records.size());
        List<RefusedRecord> refused = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                values.add(new DecodedPut.Value<>(record, decode(record)));
            } catch (DataException e) {
                refused.add(new RefusedRecord(record, e));
            }
        }
        return new DecodedPut<>(values, refused);
    }

    private T decode(SinkRecord record) throws UnavailableException {
        if (!(record.value() instanceof byte[] bytes)) {
            throw new DataException("Expected the topic's raw bytes (value.converter="
                    + "org.apache.kafka.connect.converters.ByteArrayConverter), got "
                    + record.value().getClass().getName());
        }
        Object value;
        try {
            value = deserializer.deserialize(record.topic(), bytes);
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException registry && registry.isRetryable()) {
                throw new UnavailableException("Schema registry unavailable: " + registry.getMessage(),
                        Optional.empty(), registry);
            }
            throw new DataException(notReadable() + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DataException(notReadable() + e, e);
        }
        if (!type.isInstance(value)) {
            // Names the type, never the value: a reason lands in the dead letter's headers and the logs.
            String what = value instanceof GenericRecord generic ? generic.getSchema().getFullName()
                    : value == null ? "null" : value.getClass().getName();
            throw new DataException(notReadable() + "its value is a " + what);
        }
        return type.cast(value);
    }

    private String notReadable() {
        return "Not an Avro " + (GenericRecord.class.equals(type) ? "record" : type.getSimpleName())
                + " clayflow can read: ";
    }

    @Override
    public void close() {
        deserializer.close();
    }
}
