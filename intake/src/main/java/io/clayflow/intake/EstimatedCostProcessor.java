package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.Lead;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Books every lead the throttle releases as one row sent to Clay at the estimated cost. It sits on the throttle's
 * output, so the entry commits in the same transaction as the outbox record and the budget's spend.
 */
final class EstimatedCostProcessor implements FixedKeyProcessor<String, Lead, CostEvent> {

    private final CostEstimates estimates;
    private FixedKeyProcessorContext<String, CostEvent> context;

    EstimatedCostProcessor(CostEstimates estimates) {
        this.estimates = Objects.requireNonNull(estimates, "estimates");
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CostEvent> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Lead> record) {
        // The throttle stamps a release with its wall-clock time: the ledger's time is when the row left.
        context.forward(record.withValue(estimates.released(record.value(), record.timestamp())));
    }
}
