package io.clayflow.connect.sink;

import io.clayflow.schemas.registry.SchemaRegistryException;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
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

    private final ErrantRecordReporter reporter;
    private final Runnable counter;

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
        reporter.report(record, reason);
        counter.run();
    }

    /**
     * A decode failure caused by the schema registry being unreachable, not by the record: the caller retries (e.g.
     * {@code RetriableException}) instead of dead-lettering a good record.
     */
    public static boolean isRegistryOutage(RuntimeException decodeFailure) {
        return decodeFailure instanceof SerializationException se
                && se.getCause() instanceof SchemaRegistryException sre && sre.isRetryable();
    }
}
