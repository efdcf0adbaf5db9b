package io.clayflow.status.page;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last {@link StatusSnapshot} and refreshes it on demand, on a worker thread of its own (one reading at a
 * time, each bounded by the source's timeout), so neither the page nor a Prometheus scrape ever waits on Kafka from an
 * event loop: callers get the cached snapshot at once, and a refresh starts when it is older than the interval.
 * Only the very first request waits for a reading. Confined to the event loop that created it.
 */
public final class StatusSnapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusSnapshots.class);

    private final Vertx vertx;
    private final StatusSource source;
    private final Duration refreshInterval;
    private final Clock clock;
    private final WorkerExecutor worker;
    private final Consumer<StatusSnapshot> listener;
    private StatusSnapshot latest = StatusSnapshot.none();
    private Future<StatusSnapshot> refreshing;

    /**
     * @param maxReading how long one reading may take before Vert.x warns of a blocked worker
     * @param listener told of every new snapshot, on the event loop (e.g. to update gauges)
     */
    public StatusSnapshots(Vertx vertx, StatusSource source, Duration refreshInterval, Duration maxReading,
            Clock clock, Consumer<StatusSnapshot> listener) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.source = Objects.requireNonNull(source, "source");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        // One thread: the collector is not thread-safe, and one reading at a time is all Kafka needs to serve.
        this.worker = vertx.createSharedWorkerExecutor("clayflow-status-" + System.identityHashCode(this), 1,
                maxReading.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /** The last snapshot at once; starts a refresh when it is stale. */
    public StatusSnapshot cached() {
        if (stale()) {
            refresh();
        }
        return latest;
    }

    /** The last snapshot, or the first reading when none has been made yet. */
    public Future<StatusSnapshot> current() {
        if (latest.attemptedAt() == null) {
            return refresh();
        }
        return Future.succeededFuture(cached());
    }

    private boolean stale() {
        return latest.attemptedAt() == null
                || Duration.between(latest.attemptedAt(), clock.instant()).compareTo(refreshInterval) >= 0;
    }

    private Future<StatusSnapshot> refresh() {
        if (refreshing != null) {
            return refreshing;
        }
        Promise<StatusSnapshot> done = Promise.promise();
        refreshing = done.future();
        worker.executeBlocking(source::collect, false).onComplete(result -> {
            Instant now = clock.instant();
            if (result.succeeded()) {
                latest = latest.next(result.result());
            } else {
                LOG.warn("Could not read the pipeline's counters from Kafka: {}", result.cause().getMessage());
                latest = latest.failed(now, result.cause().getMessage());
            }
            refreshing = null;
            listener.accept(latest);
            done.complete(latest);
        });
        return done.future();
    }

    /** Closes the source on the worker thread (its consumer must be closed by the thread that used it). */
    @Override
    public void close() {
        worker.executeBlocking(() -> {
            source.close();
            return null;
        }, false).onComplete(ignored -> worker.close());
    }
}
