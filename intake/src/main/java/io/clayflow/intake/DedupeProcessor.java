package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.streams.TaskMetrics;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops a lead whose person was accepted for release within the TTL, and counts it ({@code duplicates-dropped}).
 * Records arrive keyed by {@code lead_id}, a function of the dedupe key, after a repartition, so every copy of a
 * person meets in this one task.
 *
 * <p>"Released" means accepted here, not sent out of the throttle: once this processor forwards a lead, the same
 * transaction puts it in the throttle's durable backlog, from which it is always sent and never dropped. Marking
 * it only when the throttle sends it would let a second copy through while the first waits in the backlog (for
 * days, when the budget is spent) and pay Clay twice. The TTL therefore counts from acceptance.
 *
 * <p>The store is a changelogged window store whose retention is the TTL: each accepted person is one entry at the
 * stream time of acceptance; segments older than the retention are dropped whole, from RocksDB and (by the
 * changelog's compact,delete policy) from Kafka, so disk and memory stay bounded however many people pass.
 * Stream time (the highest record timestamp this task has seen), not the record's own timestamp, is the clock, so a
 * back-dated copy (a CSV back-fill) is still compared with now.
 */
final class DedupeProcessor implements Processor<String, Lead, String, Lead> {

    private final String storeName;
    private final long ttlMs;
    private ProcessorContext<String, Lead> context;
    private WindowStore<String, Long> accepted;
    private TaskMetrics metrics;
    private Sensor duplicatesDropped;

    DedupeProcessor(String storeName, Duration ttl) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.ttlMs = ttl.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Lead> context) {
        this.context = context;
        this.accepted = context.getStateStore(storeName);
        this.metrics = IntakeMetrics.of(context);
        this.duplicatesDropped = metrics.counter(IntakeMetrics.DUPLICATES_DROPPED);
    }

    @Override
    public void process(Record<String, Lead> record) {
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        try (WindowStoreIterator<Long> earlier = accepted.fetch(record.key(), Math.max(0, now - ttlMs + 1), now)) {
            if (earlier.hasNext()) {
                duplicatesDropped.record();
                return;
            }
        }
        accepted.put(record.key(), now, now);
        context.forward(record);
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
