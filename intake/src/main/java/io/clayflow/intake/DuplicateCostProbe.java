package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.Lead;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Books what a duplicate saved: the same question {@link DedupeProcessor} asks (was this person accepted within the
 * TTL, by the same clock), asked of the same store just before it. It is the dedupe's sibling, not its child, so
 * {@link DedupeProcessor} stays as it is: the topology adds this processor first, and Kafka Streams hands a record
 * to a node's children in the order they were added, so the probe reads the store before the dedupe writes the
 * record's own entry. {@code IntakeCostTopologyTest} checks that every dropped duplicate is booked once and no
 * released lead is.
 */
final class DuplicateCostProbe implements Processor<String, Lead, String, CostEvent> {

    private final String storeName;
    private final long ttlMs;
    private final CostEstimates estimates;
    private ProcessorContext<String, CostEvent> context;
    private WindowStore<String, Long> accepted;

    DuplicateCostProbe(String storeName, Duration ttl, CostEstimates estimates) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.ttlMs = ttl.toMillis();
        this.estimates = Objects.requireNonNull(estimates, "estimates");
    }

    @Override
    public void init(ProcessorContext<String, CostEvent> context) {
        this.context = context;
        this.accepted = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Lead> record) {
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        try (WindowStoreIterator<Long> earlier = accepted.fetch(record.key(), Math.max(0, now - ttlMs + 1), now)) {
            if (earlier.hasNext()) {
                long at = context.currentSystemTimeMs();
                context.forward(new Record<>(record.key(), estimates.savedByDuplicate(record.value(), at), at));
            }
        }
    }
}
