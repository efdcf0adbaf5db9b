package io.clayflow.fakes.outreach;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the Outreach simulator injects into {@code /api/v2/*}, before auth and the rate limit, drawn from its seeded
 * random source.
 *
 * @param errorRate    share of requests answered 503
 * @param forcedStatus when not 0, every request is answered with this status (503 = Outreach down)
 * @param latency      added before every answer (slow Outreach)
 */
public record OutreachFaults(double errorRate, int forcedStatus, Duration latency) {

    public OutreachFaults {
        Objects.requireNonNull(latency, "latency");
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be between 0.0 and 1.0, got " + errorRate);
        }
        if (forcedStatus != 0 && (forcedStatus < 200 || forcedStatus > 599)) {
            throw new IllegalArgumentException("forcedStatus must be 0 (off) or 200-599, got " + forcedStatus);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, got " + latency);
        }
    }

    /** Outreach on a good day. */
    public static OutreachFaults none() {
        return new OutreachFaults(0, 0, Duration.ZERO);
    }

    public OutreachFaults withErrorRate(double rate) {
        return new OutreachFaults(rate, forcedStatus, latency);
    }

    public OutreachFaults withForcedStatus(int status) {
        return new OutreachFaults(errorRate, status, latency);
    }

    public OutreachFaults withLatency(Duration added) {
        return new OutreachFaults(errorRate, forcedStatus, added);
    }
}
