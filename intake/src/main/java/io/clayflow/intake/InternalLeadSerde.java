package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.ReleasedSchemas;
import java.io.IOException;
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
 * The decoder knows every released {@code Lead} schema ({@link ReleasedSchemas}), so a backlog or repartition
 * record written before an upgrade is still read after it.
 */
public final class InternalLeadSerde implements Serde<Lead> {

    private final BinaryMessageEncoder<Lead> encoder = Lead.getEncoder();
    private final BinaryMessageDecoder<Lead> decoder = decoderOfEveryReleasedLead();

    @Override
    public Serializer<Lead> serializer() {
        return (topic, lead) -> {
            if (lead == null) {
                return null;
            }
            return SingleObjectBytes.encode(encoder, lead, "a lead for " + topic);
        };
    }

    private static BinaryMessageDecoder<Lead> decoderOfEveryReleasedLead() {
        // A decoder of its own: Lead.getDecoder() is shared by the whole JVM and must not be changed.
        BinaryMessageDecoder<Lead> decoder = Lead.createDecoder(null);
        ReleasedSchemas.of(Lead.getClassSchema().getFullName()).forEach(decoder::addSchema);
        return decoder;
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
