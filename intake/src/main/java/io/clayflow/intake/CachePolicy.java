package io.clayflow.intake;

import java.util.Locale;

/**
 * What intake does with a repeat touch: a person accepted for Clay within the dedupe TTL ({@code cache.policy}).
 */
public enum CachePolicy {
    /** Publish the repeat to {@code leads.enriched} with the person's cached enrichment (the default). */
    CACHED("cached"),
    /** Drop the repeat and count it, as intake did before the enrichment cache. */
    DROP("drop"),
    /** As {@link #CACHED}, but send the repeat to Clay again when the cached enrichment is older than a set age. */
    REENRICH("reenrich");

    private final String id;

    CachePolicy(String id) {
        this.id = id;
    }

    /** The configuration value: {@code cached}, {@code drop} or {@code reenrich}. */
    public String id() {
        return id;
    }

    public static CachePolicy of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (CachePolicy policy : values()) {
            if (policy.id.equals(wanted)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown cache policy '" + id + "': expected cached, drop or reenrich");
    }
}
