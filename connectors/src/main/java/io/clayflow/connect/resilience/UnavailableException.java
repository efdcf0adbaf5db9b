package io.clayflow.connect.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * The peer did not take a call after the allowed attempts, or its circuit is open. Nothing is lost: the sink hands
 * the records back to Connect, which redelivers them after {@link #retryAfter()}.
 */
public final class UnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;
    private final int status;

    public UnavailableException(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** The HTTP status of the last answer, or -1 when none came. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
