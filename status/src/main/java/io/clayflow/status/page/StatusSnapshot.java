package io.clayflow.status.page;

import io.clayflow.status.PipelineStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * The last reading of the pipeline's counters, what it took, and the Clay send rate since the reading before.
 *
 * @param status the counters, or null when no reading has succeeded yet
 * @param error why the last attempt failed, or null when it succeeded
 * @param claySendRate leads per second Clay's sink committed between the last two readings, null with one reading
 */
public record StatusSnapshot(PipelineStatus status, Instant attemptedAt, String error, Double claySendRate) {

    /** The next snapshot after a successful reading: the rate from this one's reading to {@code next}. */
    StatusSnapshot next(PipelineStatus next) {
        Double rate = null;
        Long before = StatusFunnel.sentToClay(status);
        Long after = StatusFunnel.sentToClay(next);
        if (before != null && after != null) {
            Duration elapsed = Duration.between(status.collectedAt(), next.collectedAt());
            if (!elapsed.isZero() && !elapsed.isNegative()) {
                rate = Math.max(0, after - before) * 1000.0 / elapsed.toMillis();
            }
        }
        return new StatusSnapshot(next, next.collectedAt(), null, rate == null ? claySendRate : rate);
    }

    /** This snapshot's counters with a failed attempt noted. */
    StatusSnapshot failed(Instant at, String why) {
        return new StatusSnapshot(status, at, why, claySendRate);
    }

    static StatusSnapshot none() {
        return new StatusSnapshot(null, null, null, null);
    }

    /** Whether the last attempt read the cluster (what the app's readiness reports). */
    public boolean lastReadingSucceeded() {
        return status != null && error == null;
    }
}
