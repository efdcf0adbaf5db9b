package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Replaces a row's estimated cost with the actual figures Clay's callback carried: the difference is booked against
 * the budget period in progress (in the throttle's own state store, so it runs in the throttle's one task) and the
 * actual entry goes to the cost ledger, in one transaction. A row released in an earlier period corrects the current
 * one: the budget paces spend, the ledger (which matches by {@code lead_id}) is the exact account.
 */
final class ActualCostProcessor implements Processor<String, CostEvent, String, CostEvent> {

    private final CreditBudget budget;
    private ProcessorContext<String, CostEvent> context;
    private BudgetStore store;

    ActualCostProcessor(CreditBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public void init(ProcessorContext<String, CostEvent> context) {
        this.context = context;
        this.store = BudgetStore.of(context, budget);
    }

    @Override
    public void process(Record<String, CostEvent> record) {
        CostEvent actual = record.value();
        if (actual == null || actual.kind() != CostEvent.Kind.ACTUAL) {
            return;
        }
        CreditBudget.State credits = store.at(context.currentSystemTimeMs());
        store.save(budget.correct(credits, actual.actions(), actual.dataCredits()));
        context.forward(record);
    }
}
