package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import io.clayflow.gateway.BearerTokens;
import io.clayflow.gateway.ColumnMapping;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** {@code POST /v1/clay/callback}'s settings ({@code callback.*}): tokens, column mapping, replay recognition. */
public record CallbackConfig(BearerTokens tokens, ColumnMapping columns, String defaultSource, Duration replayWindow,
        int replayMaxEntries) {

    public static final String PREFIX = "callback.";
    public static final String TOKENS = PREFIX + "tokens";
    public static final String COLUMNS = PREFIX + "columns";
    public static final String DEFAULT_SOURCE = PREFIX + "default.source";
    public static final String REPLAY_WINDOW_MS = PREFIX + "replay.window.ms";
    public static final String REPLAY_MAX_ENTRIES = PREFIX + "replay.max.entries";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Callback")
                .define(TOKENS, Type.PASSWORD, "", Importance.HIGH, "Callback tokens",
                        "Bearer tokens Clay's HTTP API column may send, comma-separated so one can rotate (new,old); "
                                + "none: every call is 401.")
                .define(COLUMNS, Type.STRING, "", GatewayValidators.columnMapping(), Importance.MEDIUM,
                        "Column mapping", "Clay column to EnrichedLead field, e.g. Work Email:work_email,ICP "
                                + "Score:icp_score. A column named like a field maps to it; every other column goes "
                                + "into enrichment.")
                .define(DEFAULT_SOURCE, Type.STRING, "clay", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Default source", "EnrichedLead.source when the callback has none.")
                .define(REPLAY_WINDOW_MS, Type.LONG, 3_600_000L, Range.atLeast(0), Importance.LOW, "Replay window",
                        "A callback repeating the last content for its lead_id within this window is answered 200 "
                                + "without a second publish (0 turns it off).")
                .define(REPLAY_MAX_ENTRIES, Type.INT, 100_000, Range.between(0, 10_000_000), Importance.LOW,
                        "Replay cache size", "lead_ids the replay cache remembers, least recently used evicted "
                                + "first.");
    }

    static CallbackConfig from(AbstractConfig parsed) {
        return new CallbackConfig(BearerTokens.parse(parsed.getPassword(TOKENS).value()),
                ColumnMapping.parse(parsed.getString(COLUMNS)), parsed.getString(DEFAULT_SOURCE),
                Duration.ofMillis(parsed.getLong(REPLAY_WINDOW_MS)), parsed.getInt(REPLAY_MAX_ENTRIES));
    }
}
