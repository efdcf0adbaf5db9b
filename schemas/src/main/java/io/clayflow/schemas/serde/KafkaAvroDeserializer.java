package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.registry.SchemaRegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in the Confluent wire format. The writer's schema comes from the registry by the id in the
 * header; the reader's schema is the generated class's ({@code specific.avro.reader=true}), the subject's latest
 * ({@code use.latest.version=true}) or the writer's own, so bytes written with an older schema are read with the
 * newer one. Bad bytes fail with {@link UnknownMagicByteException}, {@link UnknownSchemaIdException},
 * {@link TruncatedPayloadException} or another {@link AvroWireFormatException}.
 */
public class KafkaAvroDeserializer extends AbstractKafkaAvroSerde implements Deserializer<Object> {
    private Class<? extends SpecificRecord> readerClass;
    private final ConcurrentMap<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka, which configures the deserializer through {@link #configure}. */
    public KafkaAvroDeserializer() {
        super(null);
    }

    /** With a client shared with other serdes; {@link #configure} must still be called. */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        super(client);
    }

    /** Reads every record into this generated class, whatever the writer's record name. */
    KafkaAvroDeserializer readingInto(Class<? extends SpecificRecord> readerClass) {
        this.readerClass = readerClass;
        return this;
    }

    @Override
    public Object deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        AvroSerdeConfig config = config();
        int id = WireFormat.schemaId(topic, payload);
        Schema writerSchema = writerSchema(topic, id);
        boolean specific = readerClass != null || config.specificAvroReader();
        Schema readerSchema = readerSchema(topic, writerSchema, specific);
        DatumReader<Object> reader = readers.computeIfAbsent(new ReaderKey(id, readerSchema, specific),
                key -> specific
                        ? new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForSchema(readerSchema))
                        : new GenericDatumReader<>(writerSchema, readerSchema, GenericData.get()));
        int bodyLength = payload.length - WireFormat.HEADER_SIZE;
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(payload, WireFormat.HEADER_SIZE,
                    bodyLength, null));
        } catch (EOFException e) {
            throw TruncatedPayloadException.body(topic, bodyLength, writerSchema.getFullName(), id, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new AvroWireFormatException("Record in topic " + topic + " does not decode as "
                    + writerSchema.getFullName() + " (schema id " + id + "): " + e, e);
        }
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return client().schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new UnknownSchemaIdException(topic, id, e);
            }
            throw new SerializationException("Could not fetch schema id " + id + " for a record of topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    private Schema readerSchema(String topic, Schema writerSchema, boolean specific) {
        if (specific) {
            if (readerClass != null) {
                return SpecificData.get().getSchema(readerClass);
            }
            Class<?> generated = SpecificData.get().getClass(writerSchema);
            if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
                throw new SerializationException("specific.avro.reader is on but no generated class "
                        + writerSchema.getFullName() + " is on the classpath (record in topic " + topic + ")");
            }
            return SpecificData.get().getSchema(generated);
        }
        if (config().useLatestVersion()) {
            String subject = subject(topic, writerSchema);
            try {
                return client().latest(subject).schema();
            } catch (SchemaRegistryException e) {
                throw new SerializationException("Could not fetch the latest schema of subject " + subject + ": "
                        + e.getMessage(), e);
            }
        }
        return writerSchema;
    }

    private record ReaderKey(int schemaId, Schema readerSchema, boolean specific) {
    }
}
