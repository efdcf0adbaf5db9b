package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RowRateWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sentAt = new ArrayList<>();
    private final RowRateWindow window = new RowRateWindow(10, now::get, now::addAndGet);

    @Test
    void neverMoreThanTheRateInAnyWindowOfOneSecondWhateverTheRequestSize() {
        for (int i = 0; i < 100; i++) {
            int rows = i % 3 == 0 ? 4 : 1;
            window.acquire(rows);
            for (int r = 0; r < rows; r++) {
                sentAt.add(now.get());
            }
            now.addAndGet(Duration.ofMillis(7).toNanos());
        }

        long second = Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < sentAt.size(); i++) {
            long from = sentAt.get(i);
            long inWindow = sentAt.stream().filter(t -> t >= from && t < from + second).count();
            assertThat(inWindow).as("rows in the second from row " + i).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void rowsCountFromWhenTheirRequestWasAnsweredSoALateArrivalCannotCrowdTheNextSecond() {
        window.acquire(10);
        now.addAndGet(Duration.ofMillis(300).toNanos()); // the request took 300 ms: Clay saw it at some point in them
        window.answered(10);
        long answeredAt = now.get();

        window.acquire(1);

        assertThat(now.get() - answeredAt).as("waited a whole second from the answer")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void keepsNearlyTheFullRateUnderABacklog() {
        long start = now.get();
        for (int i = 0; i < 100; i++) {
            window.acquire(1);
        }
        double seconds = (now.get() - start) / 1e9;

        assertThat(90 / seconds).as("rows per second after the first second's 10").isBetween(9.0, 10.0);
    }
}
