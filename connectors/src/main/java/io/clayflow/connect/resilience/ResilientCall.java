package io.clayflow.connect.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call to a sink's peer under resilience4j's guard: a RateLimiter, a Retry on {@link TransientFailure}
 * (exponential backoff with jitter, the peer's Retry-After honoured, bounded), and a CircuitBreaker counting those
 * failures, which, when open, refuses at once so the task can pause instead of hammering a peer that is down.
 */
public final class ResilientCall {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientCall.class);

    private final String peer;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final IntervalFunction backoff;

    private ResilientCall(String peer, RateLimiter rateLimiter, Retry retry, CircuitBreaker circuitBreaker,
                          IntervalFunction backoff) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** @param peer who is called, for logs and messages, e.g. "Clay webhook" or "HubSpot" */
    public static ResilientCall create(String peer, ResilienceSettings settings) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(settings.backoffInitial().toMillis(),
                2.0, 0.5, settings.backoffMax().toMillis());
        RateLimiter rateLimiter = RateLimiter.of(peer, RateLimiterConfig.custom()
                .limitForPeriod(settings.ratePermits())
                .limitRefreshPeriod(settings.ratePeriod())
                .timeoutDuration(settings.ratePeriod().plusSeconds(60))
                .build());
        Retry retry = Retry.of(peer, RetryConfig.custom()
                .maxAttempts(settings.retryMaxAttempts())
                .retryExceptions(TransientFailure.class)
                .ignoreExceptions(CallNotPermittedException.class)
                .intervalBiFunction((attempt, outcome) -> {
                    long ours = backoff.apply(attempt);
                    if (outcome.isLeft() && outcome.getLeft() instanceof TransientFailure failure) {
                        return failure.retryAfter().map(Duration::toMillis).map(theirs -> Math.max(theirs, ours))
                                .orElse(ours);
                    }
                    return ours;
                })
                .build());
        CircuitBreaker circuitBreaker = CircuitBreaker.of(peer, CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.circuitFailureRate())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .slidingWindowSize(Math.max(10, settings.circuitMinimumCalls()))
                .waitDurationInOpenState(settings.circuitOpenWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(TransientFailure.class)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> LOG.warn("{} circuit {}", peer,
                event.getStateTransition()));
        return new ResilientCall(peer, rateLimiter, retry, circuitBreaker, backoff);
    }

    /**
     * Runs an attempt until it returns (success, or an answer the caller must act on, such as a 4xx) or the attempts
     * run out. An attempt signals "try again" by throwing {@link TransientFailure}.
     *
     * @param permits rate-limit permits this call costs (rows, or 1 per request); capped at the limit per period
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    public <T> T execute(int permits, Supplier<T> attempt) throws UnavailableException {
        int cost = Math.max(1, Math.min(permits, rateLimiter.getRateLimiterConfig().getLimitForPeriod()));
        Supplier<T> guarded = () -> {
            RateLimiter.waitForPermission(rateLimiter, cost);
            return circuitBreaker.executeSupplier(attempt);
        };
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        } catch (TransientFailure failure) {
            throw new UnavailableException(peer + " did not take the call after "
                    + retry.getRetryConfig().getMaxAttempts() + " attempts: " + failure.getMessage(),
                    failure.status(), failure.retryAfter(), failure);
        } catch (CallNotPermittedException open) {
            throw new UnavailableException(peer + " circuit is open: pausing", -1,
                    Optional.of(remainingOpenWait()), open);
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
        return Duration.ofMillis(backoff.apply(attempt));
    }
}
