package io.clayflow.connect.clay;

import java.time.Duration;
import java.util.Optional;

/**
 * Clay did not take a request after the allowed attempts: 429, 5xx or no answer. The batch is not lost: the task
 * hands it back to Connect, which redelivers it after {@link #retryAfter()}.
 */
final class ClayUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;
    private final int status;

    ClayUnavailableException(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the last answer, or -1 when none came. */
    int status() {
        return status;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
