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
        Serializer<io.clayflow.schemas.Lead> leadSerializer = leads.serializer();
        return (topic, event) -> {
            if (event == null) {
                return null;
            }
            return event.isTouch() ? leadSerializer.serialize(topic, event.touch()) : enriched.encode(event.enrichment());
        };
    }

    @Override
    public Deserializer<PersonEvent> deserializer() {
        Deserializer<io.clayflow.schemas.Lead> leadDeserializer = leads.deserializer();
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return enriched.isEnrichedLead(bytes) ? PersonEvent.enrichment(enriched.decode(bytes))
                    : PersonEvent.touch(leadDeserializer.deserialize(topic, bytes));
        };
    }
}
