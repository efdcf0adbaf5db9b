package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How long and how much the gateway waits on Kafka ({@code produce.*}) before answering 503, and the
 * {@code Retry-After} that 503 carries ({@value #RETRY_AFTER_SECONDS}).
 */
public record ProduceConfig(int maxInFlight, Duration timeout, int retryAfterSeconds) {

    public static final String PREFIX = "produce.";
    public static final String MAX_IN_FLIGHT = PREFIX + "max.in.flight";
    public static final String TIMEOUT_MS = PREFIX + "timeout.ms";
    /** Not under {@value #PREFIX}: the key predates the group. */
    public static final String RETRY_AFTER_SECONDS = "retry.after.seconds";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Produce")
                .define(MAX_IN_FLIGHT, Type.INT, 1_000, Range.between(1, 1_000_000), Importance.MEDIUM,
                        "Most in flight", "Records sent and not yet acknowledged; past it requests get 503 at once "
                                + "(no queue).")
                .define(TIMEOUT_MS, Type.LONG, 5_000L, Range.atLeast(1), Importance.MEDIUM, "Produce timeout",
                        "The longest a request waits for Kafka's ack before a 503.")
                .define(RETRY_AFTER_SECONDS, Type.INT, 2, Range.between(0, 3_600), Importance.LOW, "Retry after",
                        "Retry-After on 503s.");
    }

    static ProduceConfig from(AbstractConfig parsed) {
        return new ProduceConfig(parsed.getInt(MAX_IN_FLIGHT), Duration.ofMillis(parsed.getLong(TIMEOUT_MS)),
                parsed.getInt(RETRY_AFTER_SECONDS));
    }
}
