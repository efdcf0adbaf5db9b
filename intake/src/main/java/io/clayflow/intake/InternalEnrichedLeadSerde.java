package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;

/**
 * Enriched leads in intake's own repartition topic and enrichment cache: Avro single-object encoding, no registry,
 * as {@link InternalLeadSerde} does for leads. The decoder knows every released {@code EnrichedLead} schema, so what
 * was stored before an upgrade is still read after it.
 */
final class InternalEnrichedLeadSerde extends SingleObjectSerde<EnrichedLead> {

    InternalEnrichedLeadSerde() {
        super("an enriched lead", EnrichedLead.getClassSchema(), EnrichedLead.getEncoder(),
                EnrichedLead::createDecoder);
    }
}
