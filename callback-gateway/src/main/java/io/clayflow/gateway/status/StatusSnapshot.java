package io.clayflow.gateway.status;

import io.clayflow.status.PipelineStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The last reading of the pipeline's counters, what it took, and the Clay send rate since the reading before.
 *
 * @param status the counters, or null when no reading has succeeded yet
 * @param error why the last attempt failed, or null when it succeeded
 * @param claySendRate leads per second Clay's sink committed between the last two readings, null with one reading
 */
public record StatusSnapshot(PipelineStatus status, Instant attemptedAt, String error, Double claySendRate) {

    /** Outbox records the Clay sink has committed: released minus its lag (its lag alone when nothing released). */
    public static Long sentToClay(PipelineStatus status) {
        if (status == null || status.released() == null || status.claySenderLag().isEmpty()) {
            return null;
        }
        long lag = status.claySenderLag().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return Math.max(0, status.released() - lag);
    }

    /** The next snapshot after a successful reading: the rate from this one's reading to {@code next}. */
    StatusSnapshot next(PipelineStatus next) {
        Double rate = null;
        Long before = sentToClay(status);
        Long after = sentToClay(next);
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

    /** Total dead letters, or 0 without a reading. */
    long deadLetterTotal() {
        return status == null ? 0 : status.deadLetterTotal();
    }

    Map<String, Long> routed() {
        return status == null ? Map.of() : status.routed();
    }
}
