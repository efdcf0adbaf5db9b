package io.clayflow.intake;

import io.clayflow.schemas.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One record type in intake's own repartition topics and state stores: Avro single-object encoding (a 2-byte marker,
 * the schema's 8-byte fingerprint, Avro binary), with no schema registry. Internal topics then need no registry
 * subjects (so {@code auto.register.schemas=false} works in production) and cost no registry call. The decoder knows
 * every released schema of the type ({@link ReleasedSchemas}), so what was written before an upgrade is still read
 * after it.
 *
 * @param <T> the record type
 */
abstract class SingleObjectSerde<T> implements Serde<T> {

    private final String what;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Set<Long> fingerprints = new HashSet<>();

    /**
     * @param what what one record is, for errors, e.g. "a lead"
     * @param newDecoder the type's {@code createDecoder}: a decoder of its own, since the type's shared
     *     {@code getDecoder()} must not be changed
     */
    SingleObjectSerde(String what, Schema schema, BinaryMessageEncoder<T> encoder,
            Function<SchemaStore, BinaryMessageDecoder<T>> newDecoder) {
        this.what = what;
        this.encoder = encoder;
        this.decoder = newDecoder.apply(null);
        fingerprints.add(SchemaNormalization.parsingFingerprint64(schema));
        for (Schema released : ReleasedSchemas.of(schema.getFullName())) {
            decoder.addSchema(released);
            fingerprints.add(SchemaNormalization.parsingFingerprint64(released));
        }
    }

    /** Whether {@code bytes} are a record of this type in single-object encoding (by its schema's fingerprint). */
    boolean reads(byte[] bytes) {
        if (bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            return false;
        }
        return fingerprints.contains(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /** @throws SerializationException when Avro cannot encode it */
    byte[] encode(T datum, String topic) {
        try {
            ByteBuffer buffer = encoder.encode(datum);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("Could not encode " + what + " for " + topic, e);
        }
    }

    /** @throws SerializationException when the bytes are no record of a released schema */
    T decode(byte[] bytes, String topic) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode " + what + " from " + topic + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, datum) -> datum == null ? null : encode(datum, topic);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes, topic);
    }
}
