package io.clayflow.schemas;

/** The values of {@code EnrichedLead.enrichment_source}: where a record's enrichment comes from. */
public final class EnrichmentSources {

    /** A Clay callback for this lead (the default: every record written before the field existed). */
    public static final String CLAY = "clay";
    /** Intake's enrichment cache: a repeat touch served with the person's latest Clay enrichment. */
    public static final String CACHE = "cache";
    /**
     * A header intake puts on the records it serves from its cache ({@value #CACHE}), so that readers of
     * {@code leads.enriched} that do not decode Avro (the Clay ledger) can tell them from Clay's callbacks.
     */
    public static final String HEADER = "clayflow.enrichment-source";

    private EnrichmentSources() {
    }
}
