package io.clayflow.connect.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * resilience4j's Retry of a call to a peer: on {@link TransientFailure}, a bounded number of attempts, each after our
 * exponential backoff with jitter or the wait the peer asked for (Retry-After), whichever is longer. An open circuit
 * is not retried.
 */
final class BackoffRetry {

    private final IntervalFunction backoff;
    private final Retry retry;

    /**
     * @param maxInlineWait the longest wait retried in place; a peer asking for longer is not retried (the caller
     *                      pauses for it instead). Null: every wait is retried in place.
     */
    BackoffRetry(String peer, ResilienceSettings settings, Duration maxInlineWait) {
        backoff = IntervalFunction.ofExponentialRandomBackoff(settings.backoffInitial().toMillis(), 2.0, 0.5,
                settings.backoffMax().toMillis());
        RetryConfig.Builder<Object> config = RetryConfig.custom();
        if (maxInlineWait == null) {
            config.retryExceptions(TransientFailure.class);
        } else {
            // A wait longer than the bound is not retried here: the caller pauses for it instead.
            config.retryOnException(e -> e instanceof TransientFailure failure
                    && failure.retryAfter().map(wait -> wait.compareTo(maxInlineWait) <= 0).orElse(true));
        }
        retry = Retry.of(peer, config
                .maxAttempts(settings.retryMaxAttempts())
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
    }

    /** Runs {@code attempt} until it returns or the attempts run out (its last {@link TransientFailure} thrown). */
    <T> T run(Supplier<T> attempt) {
        return Retry.decorateSupplier(retry, attempt).get();
    }

    int maxAttempts() {
        return retry.getRetryConfig().getMaxAttempts();
    }

    /** Our own backoff before the given attempt (1-based). */
    Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }
}
