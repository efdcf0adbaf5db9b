package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.connect.http.HttpReply;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutreachWaitHintTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final OutreachWaitHint hint = new OutreachWaitHint(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> answers() {
        long inTenMinutes = NOW.plusSeconds(600).getEpochSecond();
        return Stream.of(
                Arguments.of("X-RateLimit-Reset as a Unix time", Map.of("X-RateLimit-Reset", "" + inTenMinutes),
                        Optional.of(Duration.ofMinutes(10))),
                Arguments.of("a reset already past", Map.of("X-RateLimit-Reset", "" + (inTenMinutes - 3600)),
                        Optional.of(Duration.ZERO)),
                Arguments.of("a reset given as seconds to wait", Map.of("X-RateLimit-Reset", "42"),
                        Optional.of(Duration.ofSeconds(42))),
                Arguments.of("Retry-After before the reset", Map.of("Retry-After", "7", "X-RateLimit-Reset",
                        "" + inTenMinutes), Optional.of(Duration.ofSeconds(7))),
                Arguments.of("a reset that is not a number", Map.of("X-RateLimit-Reset", "soon"), Optional.empty()),
                Arguments.of("no hint", Map.of(), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void readsHowLongOutreachAskedToWait(String what, Map<String, String> headers, Optional<Duration> expected) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        HttpReply reply = new HttpReply(429, HttpHeaders.of(multi, (a, b) -> true), "");

        assertThat(hint.apply(reply)).isEqualTo(expected);
    }
}
