package io.clayflow.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops parts one by one in the order given within one overall time: a part that fails or hangs is reported and the
 * others still stopped (each part after it keeps a reserve of the time); then each part not stopped is killed
 * ({@link StackPart#kill()}), so that no child process outlives the stack.
 */
final class ReverseStop {

    private static final Logger LOG = LoggerFactory.getLogger(ReverseStop.class);
    private static final Duration RESERVE_PER_PART = Duration.ofSeconds(2);
    private static final Duration MIN_SLICE = Duration.ofSeconds(1);

    private ReverseStop() {
    }

    /** Stops {@code parts} in this order within {@code timeout}; throws the first failure, the others suppressed. */
    static void stop(List<StackPart> parts, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException failure = null;
        ExecutorService stopper = stopper();
        try {
            for (int i = 0; i < parts.size(); i++) {
                StackPart part = parts.get(i);
                // A part may use what is left minus a reserve for each part after it, so that one that hangs does
                // not leave the broker and the registry no time at all; and never less than a minimum slice.
                long reserve = RESERVE_PER_PART.toNanos() * (parts.size() - 1 - i);
                long left = Math.max(MIN_SLICE.toNanos(), deadline - System.nanoTime() - reserve);
                Future<?> stopping = stopper.submit(() -> {
                    part.stop();
                    return null;
                });
                try {
                    stopping.get(left, TimeUnit.NANOSECONDS);
                    LOG.info("Stopped {}", part.name());
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    stopping.cancel(true);
                    LOG.error("Stopping {} failed", part.name(), e);
                    RuntimeException partFailure = new IllegalStateException("Stopping " + part.name() + " failed: "
                            + e, e);
                    if (failure == null) {
                        failure = partFailure;
                    } else {
                        failure.addSuppressed(partFailure);
                    }
                    if (e instanceof TimeoutException) {
                        // A hung part holds the one stopping thread: the rest get a fresh one.
                        stopper.shutdownNow();
                        stopper = stopper();
                    }
                }
            }
        } finally {
            stopper.shutdownNow();
            for (StackPart part : parts) {
                if (!part.isStopped()) {
                    LOG.warn("Killing {}, which did not stop", part.name());
                    part.kill();
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** A daemon thread: a part's stop that never returns must not keep the JVM alive. */
    private static ExecutorService stopper() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "clayflow-stack-stop");
            thread.setDaemon(true);
            return thread;
        });
    }
}
