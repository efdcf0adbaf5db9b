package io.clayflow.schemas;

/** The values of {@code EnrichedLead.enrichment_source}: where a record's enrichment comes from. */
public final class EnrichmentSources {

    /** A Clay callback for this lead (the default: every record written before the field existed). */
    public static final String CLAY = "clay";
    /** Intake's enrichment cache: a repeat touch served with the person's latest Clay enrichment. */
    public static final String CACHE = "cache";

    private EnrichmentSources() {
    }
}
