package io.clayflow.fakes.outreach;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Outreach's per-user request limit: a fixed window (an hour by default) opening at the user's first request, each
 * answered request counted, a 429 once the window's requests are spent, until the reset it announced. A request
 * that arrives before the reset its user was last told about is an early retry, counted so tests can check that a
 * client honours {@code X-RateLimit-Reset}.
 */
final class UserRateLimit {

    /** What one request meets: allowed or not, and the three headers every answer carries. */
    record Decision(boolean allowed, int limit, int remaining, long resetEpochSeconds) {
    }

    private static final class Window {
        long startMs;
        int used;
        long toldToWaitUntilMs = -1;
    }

    private final int limit;
    private final long windowMs;
    private final LongSupplier clockMs;
    private final Map<String, Window> windows = new HashMap<>();
    private long earlyRetries;

    UserRateLimit(int limit, long windowMs, LongSupplier clockMs) {
        this.limit = limit;
        this.windowMs = windowMs;
        this.clockMs = clockMs;
    }

    synchronized Decision take(String user) {
        long now = clockMs.getAsLong();
        Window window = windows.computeIfAbsent(user, u -> new Window());
        if (window.toldToWaitUntilMs > now) {
            earlyRetries++;
        }
        if (window.used == 0 || now >= window.startMs + windowMs) {
            window.startMs = now;
            window.used = 0;
        }
        long endMs = window.startMs + windowMs;
        // Whole seconds, rounded up: a client waiting until then finds the window over.
        long resetSeconds = (endMs + 999) / 1000;
        if (window.used >= limit) {
            window.toldToWaitUntilMs = resetSeconds * 1000;
            return new Decision(false, limit, 0, resetSeconds);
        }
        window.used++;
        return new Decision(true, limit, limit - window.used, resetSeconds);
    }

    synchronized long earlyRetries() {
        return earlyRetries;
    }
}
