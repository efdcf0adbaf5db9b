package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.connect.http.HttpReply;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HubSpotWaitHintTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", delimiter = '|', textBlock = """
            Retry-After in seconds wins                   | 429 | 3 | 10000 | 0   | 3000
            the interval when the window is spent          | 429 | - | 10000 | 0   | 10000
            the interval when HubSpot gives no remaining   | 429 | - | 10000 | -   | 10000
            no hint while the window still has room       | 429 | - | 10000 | 12  | -
            no hint without any header                     | 429 | - | -     | -   | -
            a 503 only by Retry-After                      | 503 | - | 10000 | 0   | -
            a 503 with Retry-After                         | 503 | 2 | -     | -   | 2000
            """)
    void readsHowLongHubSpotAskedToWait(String name, int status, String retryAfter, String interval,
                                        String remaining, Long expectedMs) {
        Map<String, List<String>> headers = new HashMap<>();
        if (retryAfter != null) {
            headers.put("Retry-After", List.of(retryAfter));
        }
        if (interval != null) {
            headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", List.of(interval));
        }
        if (remaining != null) {
            headers.put("X-HubSpot-RateLimit-Remaining", List.of(remaining));
        }

        Optional<Duration> hint = HubSpotWaitHint.of(new HttpReply(status, HttpHeaders.of(headers, (k, v) -> true),
                "{}"));

        assertThat(hint).isEqualTo(Optional.ofNullable(expectedMs).map(Duration::ofMillis));
    }
}
