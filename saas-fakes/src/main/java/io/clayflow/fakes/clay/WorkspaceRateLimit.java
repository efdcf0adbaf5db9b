package io.clayflow.fakes.clay;

import java.util.function.LongSupplier;

/**
 * The Clay workspace's webhook rate limit: a token bucket counted in rows. A request of n rows is let through when
 * the bucket holds min(n, burst) tokens and then takes all n, so a request larger than the burst is not refused
 * forever: it leaves the bucket in debt, which the refill repays before the next request passes. The long-run rate
 * stays the configured one.
 */
final class WorkspaceRateLimit {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double ratePerSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    WorkspaceRateLimit(double ratePerSecond, int burst, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /**
     * Takes {@code rows} tokens if the bucket allows it.
     *
     * @return 0 when taken, otherwise the whole seconds (at least 1) after which the same request would pass
     */
    synchronized long tryTake(int rows) {
        refill();
        double needed = Math.min(rows, burst);
        if (tokens >= needed) {
            tokens -= rows;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / ratePerSecond));
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) / NANOS_PER_SECOND * ratePerSecond);
        refilledAt = now;
    }
}
