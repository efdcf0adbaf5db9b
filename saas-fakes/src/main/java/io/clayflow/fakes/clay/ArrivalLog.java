package io.clayflow.fakes.clay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * When each webhook request the workspace took (2xx) arrived and how many rows it held: what a test measures a
 * connector's pace on, over any window (sliding, not calendar seconds), as Clay's own limiter would see it.
 */
final class ArrivalLog {

    private record Arrival(long atNanos, int rows) {
    }

    private final LongSupplier nanoClock;
    private final List<Arrival> arrivals = new ArrayList<>();

    ArrivalLog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    synchronized void taken(int rows) {
        arrivals.add(new Arrival(nanoClock.getAsLong(), rows));
    }

    /** The most rows taken within any window of this length. */
    synchronized long maxRowsInAnyWindow(Duration window) {
        return maxInAnyWindow(window, true);
    }

    /** The most requests taken within any window of this length. */
    synchronized long maxRequestsInAnyWindow(Duration window) {
        return maxInAnyWindow(window, false);
    }

    private long maxInAnyWindow(Duration window, boolean rows) {
        long length = window.toNanos();
        long most = 0;
        long inWindow = 0;
        int from = 0;
        // Arrivals are in time order: a window starting at each arrival holds the ones less than its length after.
        for (int to = 0; to < arrivals.size(); to++) {
            inWindow += rows ? arrivals.get(to).rows() : 1;
            while (arrivals.get(to).atNanos() - arrivals.get(from).atNanos() >= length) {
                inWindow -= rows ? arrivals.get(from).rows() : 1;
                from++;
            }
            most = Math.max(most, inWindow);
        }
        return most;
    }

    synchronized List<Long> arrivalNanos() {
        return new ArrayList<>(arrivals.stream().map(Arrival::atNanos).toList());
    }
}
