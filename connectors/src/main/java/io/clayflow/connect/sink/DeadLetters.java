package io.clayflow.connect.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record its sink cannot deliver to the dead-letter topic through Connect's {@link ErrantRecordReporter}
 * (Connect's {@code __connect.errors.*} headers carry the reason), logs where it came from and counts it. Without a
 * dead-letter topic configured the task fails rather than drop the record.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final ErrantRecordReporter reporter;
    private final Runnable counter;
    private final List<Future<Void>> pending = new ArrayList<>();

    /**
     * @param reporter the task context's reporter; null when the worker or the connector has no dead-letter topic
     * @param counter  called once per dead letter, e.g. a metric
     */
    public DeadLetters(ErrantRecordReporter reporter, Runnable counter) {
        this.reporter = reporter;
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    public void report(SinkRecord record, Exception reason) {
        if (reporter == null) {
            throw new ConnectException("Cannot dead-letter a record (set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name=leads.dlq): " + reason.getMessage(), reason);
        }
        LOG.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                reason.getMessage());
        pending.removeIf(Future::isDone);
        Future<Void> write = reporter.report(record, reason);
        if (write != null) {
            pending.add(write);
        }
        counter.run();
    }

    /**
     * Waits until every dead letter reported so far is written: call before recording, outside Connect's offsets,
     * that records up to some offset are done with, or a crash could lose a dead letter that was still on its way.
     */
    public void awaitWritten() {
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        try {
            for (Future<Void> write : pending) {
                write.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            pending.clear();
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("A dead letter could not be written", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing dead letters", e);
        }
    }
}
