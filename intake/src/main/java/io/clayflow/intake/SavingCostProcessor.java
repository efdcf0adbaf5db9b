package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Books what the dedupe's decisions saved, from the decisions themselves: a repeat it dropped
 * ({@code cache.policy=drop}) saved a row as a duplicate, a repeat it served from the enrichment cache saved one as a
 * cache hit. A touch it accepted or held books nothing here (an accepted one is booked at its estimate when the
 * throttle releases it; a held one when it is served or sent). It sits on the dedupe's output, so the entry commits
 * in the same transaction as the decision.
 */
final class SavingCostProcessor implements FixedKeyProcessor<String, PersonEvent, CostEvent> {

    private final CostEstimates estimates;
    private FixedKeyProcessorContext<String, CostEvent> context;

    SavingCostProcessor(CostEstimates estimates) {
        this.estimates = Objects.requireNonNull(estimates, "estimates");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CostEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, PersonEvent> record) {
        PersonEvent event = record.value();
        long at = context.currentSystemTimeMs();
        if (event.dropped()) {
            context.forward(record.withValue(estimates.savedByDuplicate(event.touch(), at)).withTimestamp(at));
        } else if (event.isEnrichment()) {
            context.forward(record.withValue(estimates.savedByCache(event.enrichment().getLeadId(),
                    event.enrichment().getSource(), at)).withTimestamp(at));
        }
    }
}
