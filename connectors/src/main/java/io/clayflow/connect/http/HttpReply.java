package io.clayflow.connect.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/** A peer's answer to one HTTP request: status, headers and body, with the readings every sink needs. */
public record HttpReply(int status, HttpHeaders headers, String body) {

    private static final int EXCERPT = 500;

    public HttpReply {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? "" : body;
    }

    public boolean isSuccess() {
        return status / 100 == 2;
    }

    /** 408, 429 and 5xx may succeed later; other answers will not change on a retry. */
    public boolean isRetryable() {
        return status == 408 || status == 429 || status >= 500;
    }

    /** 401 and 403: the credentials are wrong, which no record can be blamed for. */
    public boolean isAuthFailure() {
        return status == 401 || status == 403;
    }

    /** Retry-After in seconds or as an HTTP date; empty when absent or unreadable. */
    public Optional<Duration> retryAfter() {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(HttpReply::parseRetryAfter);
    }

    /** The start of the body, for messages and dead-letter reasons. */
    public String excerpt() {
        return body.length() > EXCERPT ? body.substring(0, EXCERPT) + "…" : body;
    }

    static Optional<Duration> parseRetryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
