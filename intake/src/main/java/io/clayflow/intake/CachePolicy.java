package io.clayflow.intake;

/**
 * What intake does with a repeat touch: a person accepted for Clay within the dedupe TTL ({@code cache.policy}).
 */
public enum CachePolicy implements ConfigChoice {
    /** Publish the repeat to {@code leads.enriched} with the person's cached enrichment (the default). */
    CACHED,
    /** Drop the repeat and count it, as intake did before the enrichment cache. */
    DROP,
    /** As {@link #CACHED}, but send the repeat to Clay again when the cached enrichment is older than a set age. */
    REENRICH;

    /** The policy a configuration value ({@code cached}, {@code drop} or {@code reenrich}) names. */
    public static CachePolicy of(String id) {
        return ConfigChoice.of(CachePolicy.class, "cache policy", id);
    }
}
