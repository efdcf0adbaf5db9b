package io.clayflow.connect.resilience;

import java.time.Duration;
import java.util.Optional;

/** A failure worth another attempt (429, 5xx, no answer, a transient database error); carries what the peer said. */
public final class TransientFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Optional<Duration> retryAfter;

    public TransientFailure(String message, int status, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    /** The HTTP status of the answer, or -1 when none came (or the peer is not HTTP). */
    public int status() {
        return status;
    }

    /** How long the peer asked us to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
