package io.clayflow.schemas.serde;

import io.clayflow.schemas.registry.RegisteredSchema;
import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated SpecificRecord classes or GenericRecord) in the Confluent wire format: magic
 * byte 0, the 4-byte big-endian schema id the registry gave, then Avro binary. A drop-in for Confluent's
 * serializer of the same name: it reads the same configuration keys.
 */
public class KafkaAvroSerializer extends AbstractKafkaAvroSerde implements Serializer<Object> {
    // Writers are kept apart because a specific writer converts logical types (Instant) a generic record lacks.
    private final ConcurrentMap<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

    /** For Kafka, which configures the serializer through {@link #configure}. */
    public KafkaAvroSerializer() {
        super(null);
    }

    /** With a client shared with other serdes; {@link #configure} must still be called. */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        super(client);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        AvroSerdeConfig config = config();
        SchemaRegistryClient client = client();
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("KafkaAvroSerializer writes Avro records (SpecificRecord or "
                    + "GenericRecord), not " + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        String subject = subject(topic, schema);
        Object datum = data;
        Schema writerSchema = schema;
        int id;
        AvroSerdeConfig.SchemaIdSource source = config.schemaIdSource();
        try {
            switch (source) {
                case LATEST_VERSION -> {
                    RegisteredSchema latest = client.latest(subject);
                    id = latest.id();
                    if (!latest.schema().equals(schema)) {
                        datum = convert(data, schema, latest.schema());
                        writerSchema = latest.schema();
                    }
                }
                case REGISTER -> id = client.register(subject, schema);
                default -> id = client.idOf(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Could not " + switch (source) {
                case LATEST_VERSION -> "fetch the latest schema of";
                case REGISTER -> "register schema " + schema.getFullName() + " under";
                case LOOK_UP -> "find schema " + schema.getFullName() + " under";
            } + " subject " + subject + ": " + e.getMessage(), e);
        }
        return encode(id, writerSchema, datum);
    }

    private byte[] encode(int id, Schema writerSchema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, id);
        out.writeBytes(header.array());
        try {
            // A producer may call serialize from many threads at once, so nothing here is reused between calls.
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(writerSchema, datum).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not write a " + writerSchema.getFullName()
                    + " as Avro (schema id " + id + "): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writerFor(Schema schema, Object datum) {
        if (datum instanceof SpecificRecord) {
            return specificWriters.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
        }
        return genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
    }

    /** Re-reads a record under another schema, for use.latest.version when the record's schema is older. */
    private Object convert(Object data, Schema from, Schema to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writerFor(from, data).write(data, encoder);
            encoder.flush();
            return new GenericDatumReader<>(from, to, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("A " + from.getFullName() + " cannot be written with the subject's "
                    + "latest schema: " + e.getMessage(), e);
        }
    }
}
