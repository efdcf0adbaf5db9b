package io.clayflow.connect.hubspot;

import io.clayflow.connect.http.HttpReply;
import java.time.Duration;
import java.util.Optional;

/**
 * How long HubSpot asked us to wait, read from a retryable answer: its {@code Retry-After} when it sends one, else,
 * on a 429 whose rolling window is spent, {@code X-HubSpot-RateLimit-Interval-Milliseconds} (after a whole interval
 * the rolling window holds none of the requests that filled it).
 */
public final class HubSpotWaitHint {

    static final String INTERVAL_HEADER = "X-HubSpot-RateLimit-Interval-Milliseconds";
    static final String REMAINING_HEADER = "X-HubSpot-RateLimit-Remaining";

    private HubSpotWaitHint() {
    }

    public static Optional<Duration> of(HttpReply reply) {
        Optional<Duration> retryAfter = reply.retryAfter();
        if (retryAfter.isPresent() || reply.status() != 429) {
            return retryAfter;
        }
        boolean windowSpent = reply.headers().firstValue(REMAINING_HEADER).map(String::trim)
                .map(remaining -> remaining.equals("0")).orElse(true);
        if (!windowSpent) {
            return Optional.empty();
        }
        return reply.headers().firstValue(INTERVAL_HEADER).map(String::trim).flatMap(HubSpotWaitHint::millis);
    }

    private static Optional<Duration> millis(String value) {
        try {
            long ms = Long.parseLong(value);
            return ms > 0 ? Optional.of(Duration.ofMillis(ms)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
