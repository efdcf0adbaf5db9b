package io.clayflow.gateway.config;

import io.clayflow.gateway.BearerTokens;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** {@code POST /v1/leads}'s settings ({@code leads.*}): its own tokens and the largest batch. */
public final class LeadsConfig extends AbstractConfig {

    public static final String PREFIX = "leads.";
    public static final String TOKENS = PREFIX + "tokens";
    public static final String MAX_BATCH = PREFIX + "max.batch";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(TOKENS, Type.PASSWORD, "", Importance.HIGH,
                    "Bearer tokens of services posting leads, comma-separated; none: every call is 401.")
            .define(MAX_BATCH, Type.INT, 100, Range.between(1, 10_000), Importance.LOW,
                    "Largest array of leads one request may post.");

    LeadsConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    public BearerTokens tokens() {
        return BearerTokens.parse(getPassword(TOKENS).value());
    }

    public int maxBatch() {
        return getInt(MAX_BATCH);
    }
}
