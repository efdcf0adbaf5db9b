package io.clayflow.fakes.clay;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the table's HTTP API column posts each enriched row, with which bearer token, and how hard it tries.
 *
 * @param url          absolute http(s) URL, or {@code null}: rows are then enriched but nothing is called
 * @param token        sent as {@code Authorization: Bearer <token>}; {@code null} sends no Authorization header
 * @param timeout      bound on one attempt
 * @param maxAttempts  attempts per callback (1 = no retry); retried on connection errors, timeouts, 408, 429, 5xx
 * @param retryBackoff wait before the 2nd attempt, doubled before each further one
 */
public record CallbackConfig(String url, String token, Duration timeout, int maxAttempts, Duration retryBackoff) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);

    public CallbackConfig {
        if (url != null && url.isBlank()) {
            url = null;
        }
        if (url != null) {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("callback url must be an absolute http(s) URL, got " + url);
            }
        }
        if (token != null && token.isEmpty()) {
            token = null;
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("callback timeout must be > 0, got " + timeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("callback max attempts must be >= 1, got " + maxAttempts);
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("callback retry backoff must be >= 0, got " + retryBackoff);
        }
    }

    /** No callback: the simulator enriches rows and calls nothing. */
    public static CallbackConfig none() {
        return new CallbackConfig(null, null, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF);
    }

    /** A callback to {@code url} with {@code token} and the default timeout and retries. */
    public static CallbackConfig to(String url, String token) {
        return new CallbackConfig(url, token, DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_BACKOFF);
    }

    public CallbackConfig withRetries(int newMaxAttempts, Duration newRetryBackoff) {
        return new CallbackConfig(url, token, timeout, newMaxAttempts, newRetryBackoff);
    }

    public CallbackConfig withTimeout(Duration newTimeout) {
        return new CallbackConfig(url, token, newTimeout, maxAttempts, retryBackoff);
    }

    public boolean enabled() {
        return url != null;
    }

    @Override
    public String toString() {
        return "CallbackConfig[url=" + url + ", token=" + (token == null ? "none" : "[hidden]") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + ", retryBackoff=" + retryBackoff + "]";
    }
}
