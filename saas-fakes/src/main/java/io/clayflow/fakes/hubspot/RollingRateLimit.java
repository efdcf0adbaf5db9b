package io.clayflow.fakes.hubspot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * HubSpot's request limits: at most {@code max} requests in any rolling interval (policy
 * {@code TEN_SECONDLY_ROLLING}) and {@code daily} requests in all (policy {@code DAILY}). Every request counts, as it
 * does at HubSpot, whatever its answer; a refused request does not count.
 */
final class RollingRateLimit {

    static final String ROLLING_POLICY = "TEN_SECONDLY_ROLLING";
    static final String DAILY_POLICY = "DAILY";

    /** The outcome of one request, with the numbers for the X-HubSpot-RateLimit-* headers. */
    record Decision(String refusedPolicy, int remaining, long dailyRemaining) {
        boolean allowed() {
            return refusedPolicy == null;
        }
    }

    private final int max;
    private final long intervalNanos;
    private final long daily;
    private final LongSupplier nanoClock;
    private final Deque<Long> window = new ArrayDeque<>();
    private long usedToday;

    RollingRateLimit(int max, Duration interval, long daily, LongSupplier nanoClock) {
        this.max = max;
        this.intervalNanos = interval.toNanos();
        this.daily = daily;
        this.nanoClock = nanoClock;
    }

    synchronized Decision tryAcquire() {
        long now = nanoClock.getAsLong();
        while (!window.isEmpty() && now - window.peekFirst() >= intervalNanos) {
            window.pollFirst();
        }
        if (usedToday >= daily) {
            return new Decision(DAILY_POLICY, Math.max(0, max - window.size()), 0);
        }
        if (window.size() >= max) {
            return new Decision(ROLLING_POLICY, 0, daily - usedToday);
        }
        window.addLast(now);
        usedToday++;
        return new Decision(null, max - window.size(), daily - usedToday);
    }

    int max() {
        return max;
    }

    long intervalMillis() {
        return intervalNanos / 1_000_000;
    }

    long daily() {
        return daily;
    }
}
