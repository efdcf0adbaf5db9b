package io.clayflow.intake;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The dedupe repartition topic's values: a touch as {@link InternalLeadSerde} writes it, an enrichment as
 * {@link InternalEnrichedLeadSerde} writes it; the schema fingerprint in the single-object header tells them apart.
 * A record written before the enrichment cache (a lead) reads as a touch.
 */
final class PersonEventSerde implements Serde<PersonEvent> {

    private final InternalLeadSerde leads = new InternalLeadSerde();
    private final InternalEnrichedLeadSerde enriched = new InternalEnrichedLeadSerde();

    @Override
    public Serializer<PersonEvent> serializer() {
        return (topic, event) -> {
            if (event == null) {
                return null;
            }
            if (event instanceof PersonEvent.Touch touch) {
                return leads.encode(touch.lead(), topic);
            }
            if (event instanceof PersonEvent.Enrichment enrichment) {
                return enriched.encode(enrichment.lead(), topic);
            }
            throw new IllegalArgumentException("A dropped touch goes only to the cost ledger, never to a topic");
        };
    }

    @Override
    public Deserializer<PersonEvent> deserializer() {
        return (topic, bytes) -> bytes == null ? null
                : enriched.reads(bytes) ? new PersonEvent.Enrichment(enriched.decode(bytes, topic))
                : new PersonEvent.Touch(leads.decode(bytes, topic));
    }
}
