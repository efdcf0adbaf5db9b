package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Enriched leads in intake's own repartition topic and enrichment cache: Avro single-object encoding, no registry,
 * as {@link InternalLeadSerde} does for leads. The decoder knows every released {@code EnrichedLead} schema, so what
 * was stored before an upgrade is still read after it.
 */
final class InternalEnrichedLeadSerde implements Serde<EnrichedLead> {

    private final BinaryMessageEncoder<EnrichedLead> encoder = EnrichedLead.getEncoder();
    private final BinaryMessageDecoder<EnrichedLead> decoder = EnrichedLead.createDecoder(null);
    private final Set<Long> fingerprints = new HashSet<>();

    InternalEnrichedLeadSerde() {
        fingerprints.add(SchemaNormalization.parsingFingerprint64(EnrichedLead.getClassSchema()));
        for (Schema released : ReleasedSchemas.of(EnrichedLead.getClassSchema().getFullName())) {
            decoder.addSchema(released);
            fingerprints.add(SchemaNormalization.parsingFingerprint64(released));
        }
    }

    /** Whether {@code bytes} are an enriched lead in single-object encoding (by its schema's fingerprint). */
    boolean isEnrichedLead(byte[] bytes) {
        if (bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            return false;
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return fingerprints.contains(fingerprint);
    }

    byte[] encode(EnrichedLead lead) {
        try {
            ByteBuffer buffer = encoder.encode(lead);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("Could not encode an enriched lead", e);
        }
    }

    EnrichedLead decode(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not decode an enriched lead: " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<EnrichedLead> serializer() {
        return (topic, lead) -> lead == null ? null : encode(lead);
    }

    @Override
    public Deserializer<EnrichedLead> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
