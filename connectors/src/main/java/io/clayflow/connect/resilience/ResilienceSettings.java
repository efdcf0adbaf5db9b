package io.clayflow.connect.resilience;

import io.clayflow.connect.ConfigGroup;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How a sink guards calls to its peer: a rate limit (permits per period), bounded retries with exponential backoff
 * and jitter, and a circuit breaker. Every sink shares the retry and circuit keys ({@link #defineRetryAndCircuit});
 * each names its own rate limit, since Clay counts rows per second, HubSpot requests per 10 s, Outreach per hour.
 */
public record ResilienceSettings(int ratePermits, Duration ratePeriod, int retryMaxAttempts, Duration backoffInitial,
                                 Duration backoffMax, int circuitFailureRate, int circuitMinimumCalls,
                                 Duration circuitOpenWait) {

    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_INITIAL_MS = "retry.backoff.initial.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String CIRCUIT_FAILURE_RATE = "circuit.failure.rate.threshold";
    public static final String CIRCUIT_MINIMUM_CALLS = "circuit.minimum.calls";
    public static final String CIRCUIT_OPEN_WAIT_MS = "circuit.open.wait.ms";

    public ResilienceSettings {
        Objects.requireNonNull(ratePeriod, "ratePeriod");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(circuitOpenWait, "circuitOpenWait");
        if (backoffMax.compareTo(backoffInitial) < 0) {
            backoffMax = backoffInitial;
        }
    }

    /** Adds the retry and circuit-breaker keys, in their own group, to a sink's definition. */
    public static ConfigDef defineRetryAndCircuit(ConfigDef def, String peer) {
        return ConfigGroup.of(def, "Retry and circuit breaker")
                .define(RETRY_MAX_ATTEMPTS, Type.INT, 5, Range.atLeast(1), Importance.MEDIUM,
                        "Attempts of one request to " + peer + " on 429, 5xx, a timeout or a transient error before "
                                + "the records are handed back to Connect for a later redelivery (nothing is skipped).",
                        "Attempts")
                .define(RETRY_BACKOFF_INITIAL_MS, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
                        "First backoff; it doubles with jitter. A Retry-After from " + peer + " takes precedence.",
                        "Initial backoff (ms)")
                .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        "Longest backoff between two attempts.", "Max backoff (ms)")
                .define(CIRCUIT_FAILURE_RATE, Type.INT, 50, Range.between(1, 100), Importance.LOW,
                        "Failure percentage over the last calls at which the circuit opens and consumption pauses.",
                        "Failure rate (%)")
                .define(CIRCUIT_MINIMUM_CALLS, Type.INT, 5, Range.atLeast(1), Importance.LOW,
                        "Calls needed before the failure rate counts.", "Minimum calls")
                .define(CIRCUIT_OPEN_WAIT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        "How long the circuit stays open (consumption paused) before one probe request.",
                        "Open wait (ms)")
                .def();
    }

    /** Reads the shared keys from a config defined with {@link #defineRetryAndCircuit}, with the sink's rate limit. */
    public static ResilienceSettings from(AbstractConfig config, int ratePermits, Duration ratePeriod) {
        return new ResilienceSettings(ratePermits, ratePeriod, config.getInt(RETRY_MAX_ATTEMPTS),
                Duration.ofMillis(config.getLong(RETRY_BACKOFF_INITIAL_MS)),
                Duration.ofMillis(config.getLong(RETRY_BACKOFF_MAX_MS)), config.getInt(CIRCUIT_FAILURE_RATE),
                config.getInt(CIRCUIT_MINIMUM_CALLS), Duration.ofMillis(config.getLong(CIRCUIT_OPEN_WAIT_MS)));
    }
}
