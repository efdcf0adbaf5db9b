package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.AvroWireFormatException;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * How intake reads {@code leads.enriched} for Clay's cost figures: the registry's Avro serde, but bytes that are not
 * an enriched lead at all (a wrong magic byte, an unknown schema id, a truncated body) read as null and are skipped.
 * They are routing's to dead-letter ({@code routing.decode}); intake only books costs, and dead-lettering them here
 * too would count them twice, as intake's own invalid leads. A registry that cannot be reached still fails the task,
 * so no cost figure is skipped for that.
 */
final class CostSourceSerde implements Serde<EnrichedLead> {

    private final Serde<EnrichedLead> avro;

    CostSourceSerde(Serde<EnrichedLead> avro) {
        this.avro = Objects.requireNonNull(avro, "avro");
    }

    @Override
    public Serializer<EnrichedLead> serializer() {
        return avro.serializer();
    }

    @Override
    public Deserializer<EnrichedLead> deserializer() {
        Deserializer<EnrichedLead> inner = avro.deserializer();
        return (topic, bytes) -> {
            try {
                return inner.deserialize(topic, bytes);
            } catch (AvroWireFormatException notAnEnrichedLead) {
                return null;
            }
        };
    }

    @Override
    public void close() {
        avro.close();
    }
}
