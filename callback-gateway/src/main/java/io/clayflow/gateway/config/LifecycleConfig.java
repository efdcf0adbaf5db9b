package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How long the gateway waits at the edges of its life: each dependency's answer to {@code /health/ready}
 * ({@value #READINESS_TIMEOUT_MS}) and in-flight requests on shutdown ({@value #SHUTDOWN_TIMEOUT_MS}).
 */
public record LifecycleConfig(Duration readinessTimeout, Duration shutdownTimeout) {

    public static final String READINESS_TIMEOUT_MS = "readiness.timeout.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "Lifecycle")
                .define(READINESS_TIMEOUT_MS, Type.LONG, 2_000L, Range.atLeast(1), Importance.LOW, "Readiness timeout",
                        "How long /health/ready waits for each of Kafka and the registry.")
                .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW, "Shutdown timeout",
                        "On shutdown, how long in-flight requests get to finish.");
    }

    static LifecycleConfig from(AbstractConfig parsed) {
        return new LifecycleConfig(Duration.ofMillis(parsed.getLong(READINESS_TIMEOUT_MS)),
                Duration.ofMillis(parsed.getLong(SHUTDOWN_TIMEOUT_MS)));
    }
}
