package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.Lead;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Books cost ledger entries ({@link CostEstimates}) from the records of the processor it sits behind, so that each
 * entry commits in the same transaction as what it accounts for: {@link #estimated} behind the throttle,
 * {@link #saved} behind the dedupe.
 *
 * @param <V> the records it reads
 */
final class CostBooking<V> implements FixedKeyProcessor<String, V, CostEvent> {

    /** The entry one record books, or null when it books none. */
    @FunctionalInterface
    interface Entry<V> {
        /** @param nowMs the task's wall clock */
        FixedKeyRecord<String, CostEvent> of(FixedKeyRecord<String, V> record, long nowMs);
    }

    private final Entry<V> entry;
    private FixedKeyProcessorContext<String, CostEvent> context;

    private CostBooking(Entry<V> entry) {
        this.entry = Objects.requireNonNull(entry, "entry");
    }

    /**
     * Books every lead the throttle releases as one row sent to Clay at the estimated cost, stamped when it left: the
     * throttle stamps a release with its wall-clock time. Sits on the throttle's output, so the entry commits with the
     * outbox record and the budget's spend.
     */
    static CostBooking<Lead> estimated(CostEstimates estimates) {
        return new CostBooking<>((record, nowMs) -> record.withValue(estimates.released(record.value(),
                record.timestamp())));
    }

    /**
     * Books what the dedupe's decisions saved, now: a repeat it dropped ({@code cache.policy=drop}) saved a row as a
     * duplicate, a repeat it served from the enrichment cache saved one as a cache hit. A touch it accepted or held
     * books nothing here (an accepted one is booked at its estimate when the throttle releases it; a held one when it
     * is served or sent). Sits on the dedupe's output, so the entry commits with the decision.
     */
    static CostBooking<PersonEvent> saved(CostEstimates estimates) {
        return new CostBooking<>((record, nowMs) -> {
            PersonEvent event = record.value();
            CostEvent saved = event instanceof PersonEvent.Dropped dropped
                    ? estimates.savedByDuplicate(dropped.lead(), nowMs)
                    : event instanceof PersonEvent.Enrichment served
                    ? estimates.savedByCache(served.lead().getLeadId(), served.lead().getSource(), nowMs)
                    : null;
            return saved == null ? null : record.withValue(saved).withTimestamp(nowMs);
        });
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CostEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        FixedKeyRecord<String, CostEvent> booked = entry.of(record, context.currentSystemTimeMs());
        if (booked != null) {
            context.forward(booked);
        }
    }
}
