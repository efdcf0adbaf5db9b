package io.clayflow.connect.clay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Clay's rate, in rows, over any window of one second, not per calendar second: a request waits until the rows of the
 * last second leave room for its own. A per-period limiter lets a whole period's rows through at the end of one
 * period and again at the start of the next, twice the rate within one second; Clay's workspace limit is a bucket,
 * and a sliding window never overruns it.
 *
 * <p>A row counts from when its request was <em>answered</em> ({@link #answered}), not sent: Clay saw it no later
 * than that, and sees the next request no earlier than it is sent, so however the network delays one request and not
 * the next, Clay never sees more than the rate within a second.
 */
final class RowRateWindow {

    /** Added to the second, for clocks that tick coarsely. */
    static final Duration MARGIN = Duration.ofMillis(5);

    /** Waits as a test needs: the default sleeps. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final int rowsPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    // The send times of the rows in the current window, oldest first: one entry per row.
    private final Deque<Long> sent = new ArrayDeque<>();

    RowRateWindow(int rowsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        this.rowsPerWindow = rowsPerSecond;
        this.windowNanos = Duration.ofSeconds(1).plus(MARGIN).toNanos();
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    static RowRateWindow perSecond(int rowsPerSecond) {
        return new RowRateWindow(rowsPerSecond, System::nanoTime,
                nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    /**
     * The request of the last {@link #acquire} was answered (or given up on): its rows count from now, which is no
     * earlier than when Clay saw them.
     */
    synchronized void answered(int rows) {
        long now = nanoClock.getAsLong();
        for (int i = 0; i < rows && !sent.isEmpty(); i++) {
            sent.pollLast();
        }
        for (int i = 0; i < rows; i++) {
            sent.addLast(now);
        }
    }

    /** Waits until {@code rows} more fit in the window, then counts them as sent now (until {@link #answered}). */
    synchronized void acquire(int rows) {
        int wanted = Math.min(rows, rowsPerWindow);
        while (true) {
            long now = nanoClock.getAsLong();
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowNanos) {
                sent.pollFirst();
            }
            if (sent.size() + wanted <= rowsPerWindow) {
                for (int i = 0; i < rows; i++) {
                    sent.addLast(now);
                }
                return;
            }
            // The oldest rows that must leave before these fit: wait until the last of them does.
            long leaves = sent.stream().skip(sent.size() + wanted - rowsPerWindow - 1).findFirst().orElse(now)
                    + windowNanos;
            try {
                sleeper.sleep(Math.max(1, leaves - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.connect.errors.ConnectException("Interrupted while pacing Clay requests", e);
            }
        }
    }
}
