package io.clayflow.intake;

import java.time.Duration;
import java.util.Objects;

/**
 * How intake's enrichment cache treats repeat touches.
 *
 * @param policy       what a repeat touch gets
 * @param ttl          how long a Clay enrichment is served to repeat touches (from when intake read it)
 * @param reenrichAge  with {@link CachePolicy#REENRICH}: an enrichment at least this old is not served, the touch
 *                     goes to Clay again
 * @param holdMax      how long a repeat of a person still in flight at Clay waits for that enrichment before it is
 *                     sent to Clay itself (the first row's callback presumed lost)
 */
public record EnrichmentCacheSettings(CachePolicy policy, Duration ttl, Duration reenrichAge, Duration holdMax) {

    public EnrichmentCacheSettings {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(reenrichAge, "reenrichAge");
        Objects.requireNonNull(holdMax, "holdMax");
    }

    /** Today's behaviour before the cache: repeats dropped. */
    static EnrichmentCacheSettings drop(Duration dedupeTtl) {
        return new EnrichmentCacheSettings(CachePolicy.DROP, dedupeTtl, dedupeTtl, dedupeTtl);
    }

    /** The age at which a cached enrichment is no longer served: the TTL, or the re-enrich age when that is sooner. */
    Duration servedFor() {
        return policy == CachePolicy.REENRICH && reenrichAge.compareTo(ttl) < 0 ? reenrichAge : ttl;
    }
}
