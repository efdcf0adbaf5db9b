package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Lead;
import java.util.HashMap;

/**
 * The record a repeat touch becomes when the enrichment cache serves it: the person's cached Clay record with the
 * touch's own {@code source}, {@code source_id}, {@code occurred_at} and {@code attributes}, marked
 * {@code enrichment_source = cache}. {@code lead_id} is the person's, which is the touch's too (both derive from the
 * dedupe key), so routes and sinks that upsert by it update the person; {@code enriched_at} stays the time of the
 * cached enrichment; Clay's cost figures are cleared (the hit cost nothing), its {@code clay_table} kept.
 */
final class CachedTouch {

    private CachedTouch() {
    }

    static EnrichedLead of(EnrichedLead cached, Lead touch) {
        return EnrichedLead.newBuilder(cached)
                .setLeadId(touch.getLeadId())
                .setSource(touch.getSource())
                .setSourceId(touch.getSourceId())
                .setOccurredAt(touch.getOccurredAt())
                .setAttributes(new HashMap<>(touch.getAttributes()))
                .setEnrichmentSource(EnrichmentSources.CACHE)
                // A cache hit cost nothing: Clay's figures belong to the record Clay sent (the cost ledger books
                // actual figures from leads.enriched, and would count them again).
                .setClayActionsUsed(null)
                .setClayDataCreditsUsed(null)
                .build();
    }
}
