package io.clayflow.connect.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * The peer did not take a call after the allowed attempts, or its circuit is open, or it cannot be asked for now (its
 * rate limit, a registry it depends on). Nothing is lost: the sink pauses and reads the records again after
 * {@link #retryAfter()}.
 */
public final class UnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;

    /**
     * @param retryAfter how long to wait, when known (the peer's Retry-After, an open circuit's wait); else the
     *                   sink's own backoff applies
     * @param cause      the last failure: a {@link TransientFailure} when the peer answered (or did not) each attempt
     */
    public UnavailableException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** The HTTP status of the last answer, or -1 when none came (or the wait has another reason). */
    public int status() {
        return getCause() instanceof TransientFailure failure ? failure.status() : -1;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
