package io.clayflow.connect.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * A peer's rate limit: resilience4j's RateLimiter, {@code permits} per {@code period} in cycles that start when it is
 * made, and when its next cycle starts (what a caller that may not wait in place pauses for).
 */
final class PeriodicRateLimit {

    private final RateLimiter limiter;
    private final Duration period;
    // The limiter's cycles start when it is made: the next refill is a whole number of periods after this.
    private final long cyclesStartNanos;

    /** @param maxWait how long one call may wait for its permits before {@code RequestNotPermitted} */
    PeriodicRateLimit(String peer, int permits, Duration period, Duration maxWait) {
        this.limiter = RateLimiter.of(peer, RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(maxWait)
                .build());
        this.period = period;
        this.cyclesStartNanos = System.nanoTime();
    }

    /**
     * Waits for {@code permits} (at least 1, at most a period's) within the wait allowed.
     *
     * @throws io.github.resilience4j.ratelimiter.RequestNotPermitted when they do not come in time
     */
    void acquire(int permits) {
        RateLimiter.waitForPermission(limiter, Math.max(1, Math.min(permits, limitPerPeriod())));
    }

    int limitPerPeriod() {
        return limiter.getRateLimiterConfig().getLimitForPeriod();
    }

    Duration period() {
        return period;
    }

    /** When the limiter refills: the end of its current cycle. */
    Duration untilNextPeriod() {
        long periodNanos = period.toNanos();
        long elapsed = System.nanoTime() - cyclesStartNanos;
        return Duration.ofNanos(periodNanos - elapsed % periodNanos).plusMillis(1);
    }
}
