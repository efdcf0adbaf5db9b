package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import io.clayflow.gateway.BearerTokens;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** {@code POST /v1/leads}'s settings ({@code leads.*}): its own tokens and the largest batch. */
public record LeadsConfig(BearerTokens tokens, int maxBatch) {

    public static final String PREFIX = "leads.";
    public static final String TOKENS = PREFIX + "tokens";
    public static final String MAX_BATCH = PREFIX + "max.batch";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Leads")
                .define(TOKENS, Type.PASSWORD, "", Importance.HIGH, "Leads tokens",
                        "Bearer tokens of services posting leads, comma-separated; none: every call is 401.")
                .define(MAX_BATCH, Type.INT, 100, Range.between(1, 10_000), Importance.LOW, "Largest batch",
                        "Largest array of leads one request may post.");
    }

    static LeadsConfig from(AbstractConfig parsed) {
        return new LeadsConfig(BearerTokens.parse(parsed.getPassword(TOKENS).value()), parsed.getInt(MAX_BATCH));
    }
}
