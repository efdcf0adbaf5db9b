package io.clayflow.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpReplyTest {

    @ParameterizedTest(name = "HTTP {0}: retryable={1}, auth failure={2}")
    @CsvSource({"200,false,false", "400,false,false", "401,false,true", "403,false,true", "404,false,false",
            "408,true,false", "429,true,false", "500,true,false", "503,true,false"})
    void classifiesStatuses(int status, boolean retryable, boolean authFailure) {
        HttpReply reply = reply(status, Map.of());

        assertThat(reply.isRetryable()).isEqualTo(retryable);
        assertThat(reply.isAuthFailure()).isEqualTo(authFailure);
        assertThat(reply.isSuccess()).isEqualTo(status / 100 == 2);
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(reply(429, Map.of("Retry-After", " 7 ")).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        String inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);

        assertThat(reply(503, Map.of("Retry-After", inAMinute)).retryAfter()).hasValueSatisfying(wait ->
                assertThat(wait).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
    }

    @Test
    void ignoresAnUnreadableRetryAfter() {
        assertThat(reply(429, Map.of("Retry-After", "soon")).retryAfter()).isEmpty();
        assertThat(reply(429, Map.of()).retryAfter()).isEmpty();
    }

    @Test
    void excerptsLongBodies() {
        HttpReply reply = new HttpReply(400, HttpHeaders.of(Map.of(), (a, b) -> true), "x".repeat(2_000));

        assertThat(reply.excerpt()).hasSize(501).endsWith("…");
        assertThat(reply.body()).hasSize(2_000);
    }

    private static HttpReply reply(int status, Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new HttpReply(status, HttpHeaders.of(multi, (a, b) -> true), "{}");
    }
}
