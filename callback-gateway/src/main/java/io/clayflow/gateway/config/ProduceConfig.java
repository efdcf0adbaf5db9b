package io.clayflow.gateway.config;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** How long and how much the gateway waits on Kafka ({@code produce.*}) before answering 503. */
public final class ProduceConfig extends AbstractConfig {

    public static final String PREFIX = "produce.";
    public static final String MAX_IN_FLIGHT = PREFIX + "max.in.flight";
    public static final String TIMEOUT_MS = PREFIX + "timeout.ms";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(MAX_IN_FLIGHT, Type.INT, 1_000, Range.between(1, 1_000_000), Importance.MEDIUM,
                    "Records sent and not yet acknowledged; past it requests get 503 at once (no queue).")
            .define(TIMEOUT_MS, Type.LONG, 5_000L, Range.atLeast(1), Importance.MEDIUM,
                    "The longest a request waits for Kafka's ack before a 503.");

    ProduceConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT);
    }

    public Duration timeout() {
        return Duration.ofMillis(getLong(TIMEOUT_MS));
    }
}
