package io.clayflow.fakes.hubspot;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;

import io.clayflow.fakes.FakeSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;

/**
 * The HubSpot fake's settings in the fakes app, under {@code hubspot.} there (the keys below are without it): off
 * unless {@code enabled} is true; the rest are {@link HubSpotConfig}'s, with HubSpot's own limits as defaults.
 */
public final class HubSpotSettings extends FakeSettings<HubSpotConfig> {

    public static final String RATE_LIMIT_MAX = "rate.limit.max";
    public static final String RATE_LIMIT_INTERVAL = "rate.limit.interval.ms";
    public static final String DAILY_LIMIT = "daily.limit";
    public static final String MAX_INPUTS = "max.inputs";
    public static final String MAX_VALUE_LENGTH = "max.value.length";
    public static final String EXTRA_PROPERTIES = "extra.properties";
    public static final String SEARCH_PER_SECOND = "search.per.second";

    /** The port the local stack gives the HubSpot fake. */
    public static final int DEFAULT_PORT = HubSpotConfig.DEFAULT_PORT;

    private HubSpotSettings(Map<String, ?> props) {
        super(definition(), props);
    }

    public static ConfigDef definition() {
        return define("HubSpot", DEFAULT_PORT, HubSpotConfig.DEFAULT_TOKEN)
                .define(RATE_LIMIT_MAX, INT, HubSpotConfig.DEFAULT_RATE_LIMIT_MAX, Range.atLeast(1), MEDIUM,
                        "Requests per rolling interval (HubSpot: 190 per 10 s).")
                .define(RATE_LIMIT_INTERVAL, LONG, HubSpotConfig.DEFAULT_RATE_LIMIT_INTERVAL.toMillis(),
                        Range.atLeast(1), MEDIUM, "The rolling interval, in ms.")
                .define(DAILY_LIMIT, LONG, HubSpotConfig.DEFAULT_DAILY_LIMIT, Range.atLeast(1), MEDIUM,
                        "Requests per day.")
                .define(MAX_INPUTS, INT, HubSpotConfig.DEFAULT_MAX_INPUTS, Range.atLeast(1), MEDIUM,
                        "Contacts per batch upsert.")
                .define(MAX_VALUE_LENGTH, INT, HubSpotConfig.DEFAULT_MAX_VALUE_LENGTH, Range.atLeast(1), LOW,
                        "Longest property value accepted.")
                .define(SEARCH_PER_SECOND, INT, HubSpotConfig.DEFAULT_SEARCH_PER_SECOND, Range.atLeast(1), MEDIUM,
                        "Contacts search requests per second (HubSpot: 5); more get 429 SECONDLY.")
                .define(EXTRA_PROPERTIES, LIST, "", LOW,
                        "Custom contact properties the portal has besides HubSpot's defaults and clayflow's own.");
    }

    /** The HubSpot fake's configuration from the app's {@code hubspot.*} settings (prefix removed), when enabled. */
    public static Optional<HubSpotConfig> enabledIn(Map<String, ?> props) {
        return new HubSpotSettings(props).ifEnabled();
    }

    @Override
    protected HubSpotConfig toConfig() {
        return listening(HubSpotConfig.builder())
                .token(token())
                .rateLimit(getInt(RATE_LIMIT_MAX), Duration.ofMillis(getLong(RATE_LIMIT_INTERVAL)))
                .dailyLimit(getLong(DAILY_LIMIT))
                .maxInputs(getInt(MAX_INPUTS))
                .maxValueLength(getInt(MAX_VALUE_LENGTH))
                .property(getList(EXTRA_PROPERTIES).toArray(String[]::new))
                .searchPerSecond(getInt(SEARCH_PER_SECOND))
                .build();
    }
}
