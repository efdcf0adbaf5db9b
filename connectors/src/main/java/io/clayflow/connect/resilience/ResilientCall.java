package io.clayflow.connect.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to a sink's peer under resilience4j's guard: a RateLimiter ({@link PeriodicRateLimit}), a Retry on
 * {@link TransientFailure} ({@link BackoffRetry}: exponential backoff with jitter, the peer's Retry-After honoured,
 * bounded), and a CircuitBreaker counting those failures, which, when open, refuses at once so the task can pause
 * instead of hammering a peer that is down.
 */
public final class ResilientCall {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientCall.class);

    private final String peer;
    private final PeriodicRateLimit rateLimit;
    private final BackoffRetry retry;
    private final CircuitBreaker circuitBreaker;

    /** See {@link #create(String, ResilienceSettings, Duration)}; a null {@code maxInlineWait} waits in place. */
    private ResilientCall(String peer, ResilienceSettings settings, Duration maxInlineWait) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.rateLimit = new PeriodicRateLimit(peer, settings.ratePermits(), settings.ratePeriod(),
                maxInlineWait == null ? settings.ratePeriod().plusSeconds(60) : maxInlineWait);
        this.retry = new BackoffRetry(peer, settings, maxInlineWait);
        this.circuitBreaker = CircuitBreaker.of(peer, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitFailureRate())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .slidingWindowSize(Math.max(10, settings.circuitMinimumCalls()))
                .waitDurationInOpenState(settings.circuitOpenWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(TransientFailure.class)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> LOG.warn("{} circuit {}", peer,
                event.getStateTransition()));
    }

    /**
     * A guard that waits in place for whatever the rate limit or the peer asks (up to a rate period plus a minute):
     * right for short periods (Clay per second, HubSpot per 10 s).
     *
     * @param peer who is called, for logs and messages, e.g. "Clay webhook" or "HubSpot"
     */
    public static ResilientCall create(String peer, ResilienceSettings settings) {
        return new ResilientCall(peer, settings, null);
    }

    /**
     * A guard that never waits in place longer than {@code maxInlineWait}: when the rate limit has no permit left
     * for longer, or the peer asks to wait longer (Retry-After, a rate-limit reset), {@link #execute} throws
     * {@link UnavailableException} with that wait at once, so a sink with a long rate period (Outreach counts per
     * hour) pauses consumption instead of blocking {@code put} past the consumer's poll interval.
     */
    public static ResilientCall create(String peer, ResilienceSettings settings, Duration maxInlineWait) {
        return new ResilientCall(peer, settings, maxInlineWait);
    }

    /**
     * Runs an attempt until it returns (success, or an answer the caller must act on, such as a 4xx) or the attempts
     * run out. An attempt signals "try again" by throwing {@link TransientFailure}.
     *
     * @param permits rate-limit permits this call costs (rows, or 1 per request); capped at the limit per period
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    public <T> T execute(int permits, Supplier<T> attempt) throws UnavailableException {
        Supplier<T> guarded = () -> {
            rateLimit.acquire(permits);
            return circuitBreaker.executeSupplier(attempt);
        };
        try {
            return retry.run(guarded);
        } catch (TransientFailure failure) {
            throw new UnavailableException(peer + " did not take the call after "
                    + retry.maxAttempts() + " attempts: " + failure.getMessage(),
                    failure.retryAfter(), failure);
        } catch (CallNotPermittedException open) {
            throw new UnavailableException(peer + " circuit is open: pausing", Optional.of(remainingOpenWait()),
                    open);
        } catch (RequestNotPermitted spent) {
            Duration wait = rateLimit.untilNextPeriod();
            throw new UnavailableException(peer + " rate limit of " + rateLimit.limitPerPeriod() + " per "
                    + rateLimit.period() + " is used up: pausing " + wait.toSeconds() + " s", Optional.of(wait), spent);
        }
    }

    /** The open state's wait: when the circuit will let a probe through. */
    private Duration remainingOpenWait() {
        return Duration.ofMillis(Math.max(1, circuitBreaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState().apply(1)));
    }

    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    /** The circuit state as a number for a gauge: 0 closed, 1 open, 2 half-open, 3 other (disabled, metrics only). */
    public long circuitStateCode() {
        return switch (circuitBreaker.getState()) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    /** Our own backoff before the given attempt (1-based), for a pause when the peer named no wait. */
    public Duration backoff(int attempt) {
        return retry.backoff(attempt);
    }
}
