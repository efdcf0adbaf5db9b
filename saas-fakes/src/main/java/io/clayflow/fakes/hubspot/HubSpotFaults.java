package io.clayflow.fakes.hubspot;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the HubSpot fake injects before it looks at a request, drawn from its seeded random source.
 *
 * @param errorRate     share of requests answered 502 (HubSpot's gateway errors under load)
 * @param forcedStatus  when not 0, every request gets this status: 503 = HubSpot down, 429 = a 429 storm (with
 *                      {@code Retry-After: retryAfterSeconds} and the rate-limit headers)
 * @param retryAfter    the Retry-After of a forced 429
 * @param latency       added before every answer (slow HubSpot)
 */
public record HubSpotFaults(double errorRate, int forcedStatus, Duration retryAfter, Duration latency) {

    public HubSpotFaults {
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(latency, "latency");
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be between 0.0 and 1.0, got " + errorRate);
        }
        if (forcedStatus != 0 && (forcedStatus < 400 || forcedStatus > 599)) {
            throw new IllegalArgumentException("forcedStatus must be 0 (off) or 400-599, got " + forcedStatus);
        }
        if (retryAfter.isNegative() || latency.isNegative()) {
            throw new IllegalArgumentException("durations must be >= 0");
        }
    }

    /** HubSpot on a good day. */
    public static HubSpotFaults none() {
        return new HubSpotFaults(0, 0, Duration.ofSeconds(1), Duration.ZERO);
    }

    public HubSpotFaults withErrorRate(double rate) {
        return new HubSpotFaults(rate, forcedStatus, retryAfter, latency);
    }

    public HubSpotFaults withForcedStatus(int status) {
        return new HubSpotFaults(errorRate, status, retryAfter, latency);
    }

    /** Every request gets 429 with {@code Retry-After} in whole seconds. */
    public HubSpotFaults with429Storm(Duration retryAfter) {
        return new HubSpotFaults(errorRate, 429, retryAfter, latency);
    }

    public HubSpotFaults withLatency(Duration latency) {
        return new HubSpotFaults(errorRate, forcedStatus, retryAfter, latency);
    }
}
