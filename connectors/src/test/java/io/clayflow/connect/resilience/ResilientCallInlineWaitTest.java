package io.clayflow.connect.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A guard with a bounded in-place wait: long waits come back as UnavailableException at once, not as sleeps. */
class ResilientCallInlineWaitTest {

    private static ResilienceSettings hourly(int permits) {
        return new ResilienceSettings(permits, Duration.ofHours(1), 3, Duration.ofMillis(10), Duration.ofMillis(20),
                100, 100, Duration.ofSeconds(30));
    }

    @Test
    void whenTheHourlyPermitsAreSpentItSaysHowLongInsteadOfBlocking() throws Exception {
        ResilientCall call = ResilientCall.create("Outreach", hourly(2), Duration.ofSeconds(1));
        call.execute(1, () -> "a");
        call.execute(1, () -> "b");

        long start = System.nanoTime();
        assertThatThrownBy(() -> call.execute(1, () -> "c"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.retryAfter()).hasValueSatisfying(
                        wait -> assertThat(wait).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61))))
                .hasMessageContaining("rate limit of 2 per PT1H is used up");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aPeerWaitLongerThanTheBoundIsNotRetriedInPlace() {
        ResilientCall call = ResilientCall.create("Outreach", hourly(100), Duration.ofSeconds(1));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> call.execute(1, () -> {
            attempts.incrementAndGet();
            throw new TransientFailure("HTTP 429", 429, Optional.of(Duration.ofMinutes(20)), null);
        })).isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(20));
        });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aShortPeerWaitIsRetriedInPlace() throws Exception {
        ResilientCall call = ResilientCall.create("Outreach", hourly(100), Duration.ofSeconds(1));
        AtomicInteger attempts = new AtomicInteger();

        String result = call.execute(1, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TransientFailure("HTTP 429", 429, Optional.of(Duration.ofMillis(50)), null);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(3);
    }
}
