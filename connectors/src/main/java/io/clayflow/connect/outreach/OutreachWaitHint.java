package io.clayflow.connect.outreach;

import io.clayflow.connect.http.HttpReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long Outreach asked to wait, from a 429 or 5xx: {@code Retry-After} when it sends one, else
 * {@code X-RateLimit-Reset}, read as a Unix time in seconds (as Outreach sends it) or, when too small to be one, as
 * seconds from now.
 */
final class OutreachWaitHint implements Function<HttpReply, Optional<Duration>> {

    // Below this a reset cannot be a Unix time (it would be 1973): read it as a number of seconds to wait.
    private static final long SMALLEST_EPOCH_SECONDS = 100_000_000L;

    private final Clock clock;

    OutreachWaitHint(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Duration> apply(HttpReply reply) {
        Optional<Duration> retryAfter = reply.retryAfter();
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return reply.headers().firstValue("X-RateLimit-Reset").flatMap(this::untilReset);
    }

    private Optional<Duration> untilReset(String value) {
        long reset;
        try {
            reset = Long.parseLong(value.trim());
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
        if (reset < SMALLEST_EPOCH_SECONDS) {
            return Optional.of(Duration.ofSeconds(Math.max(0, reset)));
        }
        Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(reset));
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
}
