package io.clayflow.intake;

import static io.clayflow.intake.IntakeConfig.CACHE_HOLD_MAX;
import static io.clayflow.intake.IntakeConfig.CACHE_POLICY;
import static io.clayflow.intake.IntakeConfig.CACHE_REENRICH_MAX_AGE;
import static io.clayflow.intake.IntakeConfig.CACHE_TTL;

import io.clayflow.config.KeyGroup;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The "Enrichment cache" group of {@link IntakeConfig}: its key definitions and how they are read. */
final class EnrichmentCacheKeys {

    private EnrichmentCacheKeys() {
    }

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Enrichment cache")
                .define(CACHE_POLICY, Type.STRING, CachePolicy.CACHED.id(), ConfigChoice.validator(CachePolicy.class, "cache policy"), Importance.HIGH,
                        "Repeat-lead policy",
                        "What a repeat touch (a person accepted for Clay within dedupe.ttl) gets: cached publishes it "
                                + "to leads.enriched with the person's latest Clay enrichment (waiting for it while "
                                + "the first row is still at Clay); drop drops it and counts it (intake before the "
                                + "cache); reenrich serves the cache but sends the touch to Clay again when the "
                                + "cached enrichment is older than cache.reenrich.max.age.")
                .define(CACHE_TTL, Type.STRING, "", durationOrEmpty(), Importance.MEDIUM, "Cache TTL",
                        "How long a Clay enrichment is kept and served to repeat touches (ISO-8601); empty means "
                                + "dedupe.ttl. A repeat whose cached enrichment is older goes to Clay again.")
                .define(CACHE_REENRICH_MAX_AGE, Type.STRING, "P7D", IntakeValidators.positiveDuration(),
                        Importance.MEDIUM, "Re-enrich age",
                        "With cache.policy=reenrich: a cached enrichment at least this old (ISO-8601) is not served; "
                                + "the touch is sent to Clay again.")
                .define(CACHE_HOLD_MAX, Type.STRING, "P3D", IntakeValidators.positiveDuration(), Importance.LOW,
                        "Hold limit",
                        "How long a repeat of a person still in flight at Clay waits for that enrichment (ISO-8601, "
                                + "wall clock) before it is sent to Clay itself, the first row's callback presumed "
                                + "lost. Clay does not document retries of a failed HTTP API column call.");
    }
    static EnrichmentCacheSettings settings(IntakeConfig config) {
        String ttl = config.getString(CACHE_TTL).trim();
        return new EnrichmentCacheSettings(CachePolicy.of(config.getString(CACHE_POLICY)),
                ttl.isEmpty() ? config.dedupeTtl() : Duration.parse(ttl),
                config.getDuration(CACHE_REENRICH_MAX_AGE), config.getDuration(CACHE_HOLD_MAX));
    }

    private static ConfigDef.Validator durationOrEmpty() {
        ConfigDef.Validator positive = IntakeValidators.positiveDuration();
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && !String.valueOf(value).isBlank()) {
                    positive.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return "empty (dedupe.ttl) or an ISO-8601 duration > 0, e.g. P30D";
            }
        };
    }
}
