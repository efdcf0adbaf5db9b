package io.clayflow.cli.up;

import io.clayflow.stack.StopListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code up} does when Ctrl-C or SIGTERM stops the stack (from the stack's one shutdown hook): ends the status
 * screen first, so that its last read does not race the broker going away, then says how long stopping took.
 */
final class UpStopListener implements StopListener {

    private static final Duration SCREEN_END_TIMEOUT = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final Path dataDir;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final CountDownLatch screenDone = new CountDownLatch(1);

    UpStopListener(PrintWriter out, Path dataDir) {
        this.out = Objects.requireNonNull(out, "out");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    boolean isStopping() {
        return stopping.getCount() == 0;
    }

    /** Waits until the stack is being stopped, at most {@code atMost}. */
    void awaitStopping(Duration atMost) throws InterruptedException {
        stopping.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    void awaitStopping() throws InterruptedException {
        stopping.await();
    }

    /** The screen drew its last; the stop may go on. */
    void screenDone() {
        screenDone.countDown();
    }

    @Override
    public void stopping() {
        stopping.countDown();
        try {
            // The screen ends within one read.
            screenDone.await(SCREEN_END_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.println();
        out.println("Stopping the clayflow stack ...");
        out.flush();
    }

    @Override
    public void stopped(Duration took, Optional<RuntimeException> failure) {
        double seconds = took.toMillis() / 1000.0;
        if (failure.isEmpty()) {
            out.printf("Stopped every part in %.1f s. Data kept in %s%n", seconds, dataDir);
        } else {
            out.printf("Stopped with errors in %.1f s: %s%n", seconds, failure.get().getMessage());
        }
        out.flush();
    }
}
