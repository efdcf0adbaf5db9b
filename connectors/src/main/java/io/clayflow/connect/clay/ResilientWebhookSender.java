package io.clayflow.connect.clay;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch to a webhook under resilience4j's guard: a RateLimiter (rows per second, a safety net under the
 * intake throttle), a Retry on 429, 5xx and timeouts (exponential backoff with jitter, Retry-After honoured,
 * bounded), and a CircuitBreaker counting those failures, which, when open, refuses at once so the task can pause.
 */
final class ResilientWebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientWebhookSender.class);

    private final WebhookClient client;
    private final RateLimiter rateLimiter;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final IntervalFunction backoff;

    ResilientWebhookSender(WebhookClient client, RateLimiter rateLimiter, Retry retry, CircuitBreaker circuitBreaker,
                           IntervalFunction backoff) {
        this.client = Objects.requireNonNull(client, "client");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    static ResilientWebhookSender create(ClayWebhookSinkConfig config, WebhookClient client) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(config.retryBackoffInitial().toMillis(),
                2.0, 0.5, config.retryBackoffMax().toMillis());
        RateLimiter rateLimiter = RateLimiter.of("clay-webhook", RateLimiterConfig.custom()
                .limitForPeriod(config.rateLimitRowsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(60))
                .build());
        Retry retry = Retry.of("clay-webhook", RetryConfig.<WebhookResponse>custom()
                .maxAttempts(config.retryMaxAttempts())
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
        CircuitBreaker circuitBreaker = CircuitBreaker.of("clay-webhook", CircuitBreakerConfig.custom()
                .failureRateThreshold(config.circuitFailureRate())
                .minimumNumberOfCalls(config.circuitMinimumCalls())
                .slidingWindowSize(Math.max(10, config.circuitMinimumCalls()))
                .waitDurationInOpenState(config.circuitOpenWait())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(TransientFailure.class)
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event -> LOG.warn("Clay webhook circuit {}",
                event.getStateTransition()));
        return new ResilientWebhookSender(client, rateLimiter, retry, circuitBreaker, backoff);
    }

    /**
     * Posts a batch until Clay answers something other than 408, 429 or 5xx, and returns that answer (2xx, or a
     * 4xx the caller must act on).
     *
     * @throws ClayUnavailableException when the attempts ran out or the circuit is open
     */
    WebhookResponse send(URI webhook, List<ClayRow> batch) throws ClayUnavailableException {
        byte[] body = RowBatcher.body(batch);
        int permits = Math.min(batch.size(), rateLimiter.getRateLimiterConfig().getLimitForPeriod());
        Supplier<WebhookResponse> attempt = () -> {
            RateLimiter.waitForPermission(rateLimiter, permits);
            return circuitBreaker.executeSupplier(() -> postOnce(webhook, body));
        };
        try {
            return Retry.decorateSupplier(retry, attempt).get();
        } catch (TransientFailure failure) {
            throw new ClayUnavailableException("Clay did not take " + batch.size() + " rows after "
                    + retry.getRetryConfig().getMaxAttempts() + " attempts: " + failure.getMessage(),
                    failure.status(), failure.retryAfter(), failure);
        } catch (CallNotPermittedException open) {
            throw new ClayUnavailableException("Clay webhook circuit is open: pausing", -1,
                    Optional.of(remainingOpenWait()), open);
        }
    }

    private WebhookResponse postOnce(URI webhook, byte[] body) {
        WebhookResponse response;
        try {
            response = client.post(webhook, body);
        } catch (IOException e) {
            throw new TransientFailure("no answer: " + e, -1, Optional.empty(), e);
        }
        if (response.isRetryable()) {
            throw new TransientFailure("HTTP " + response.status() + " " + response.body(), response.status(),
                    response.retryAfter(), null);
        }
        return response;
    }

    /** The open state's wait: when the circuit will let a probe through. */
    private Duration remainingOpenWait() {
        return Duration.ofMillis(Math.max(1, circuitBreaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState().apply(1)));
    }

    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    long backoffMillis(int attempt) {
        return backoff.apply(attempt);
    }

    /** A failure worth another attempt; carries what Clay said. */
    static final class TransientFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final transient Optional<Duration> retryAfter;

        TransientFailure(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
            super(message, cause, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        int status() {
            return status;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

}
