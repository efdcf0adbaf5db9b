package io.clayflow.topology.intake;

import io.clayflow.schemas.Lead;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of leads in intake's own repartition topics and state stores: Avro single-object encoding (a 2-byte
 * marker, the schema's 8-byte fingerprint, Avro binary), with no schema registry. Internal topics then need no
 * registry subjects (so {@code auto.register.schemas=false} works in production) and cost no registry call.
 * Bytes written by an older {@code Lead} schema are read when their schema is added with
 * {@link BinaryMessageDecoder#addSchema}; today there is one released version.
 */
public final class InternalLeadSerde implements Serde<Lead> {

    private final BinaryMessageEncoder<Lead> encoder = Lead.getEncoder();
    private final BinaryMessageDecoder<Lead> decoder = Lead.getDecoder();

    @Override
    public Serializer<Lead> serializer() {
        return (topic, lead) -> {
            if (lead == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(lead);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new SerializationException("Could not encode a lead for " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<Lead> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Could not decode a lead from " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
