package io.clayflow.connect.clay;

import java.time.Duration;
import java.util.Optional;

/** Clay's answer to one webhook request: its status, any Retry-After, and the start of its body. */
record WebhookResponse(int status, Optional<Duration> retryAfter, String body) {

    boolean isSuccess() {
        return status / 100 == 2;
    }

    /** 408, 429 and 5xx may succeed later; other answers will not change on a retry. */
    boolean isRetryable() {
        return status == 408 || status == 429 || status >= 500;
    }

    /** 401 and 403: the token is wrong, which no row can be blamed for. */
    boolean isAuthFailure() {
        return status == 401 || status == 403;
    }
}
