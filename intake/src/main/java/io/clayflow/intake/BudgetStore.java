package io.clayflow.intake;

import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.ThrottleState;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The credit budget's figures in the throttle's state store ({@link ThrottleState} keys): the period's start, the
 * Actions spent (under the key the one-meter budget used, so an upgrade keeps its spend) and the Data Credits spent.
 * Shared by the throttle, which spends, and {@link ActualCostProcessor}, which corrects.
 */
final class BudgetStore {

    private final CreditBudget budget;
    private final KeyValueStore<String, Long> state;

    private BudgetStore(CreditBudget budget, KeyValueStore<String, Long> state) {
        this.budget = budget;
        this.state = state;
    }

    /** The budget's figures in the task's {@link StateStores.Intake#THROTTLE_STATE} store. */
    static BudgetStore of(ProcessorContext<?, ?> context, CreditBudget budget) {
        return new BudgetStore(Objects.requireNonNull(budget, "budget"),
                context.getStateStore(StateStores.Intake.THROTTLE_STATE));
    }

    /** The budget at {@code nowMs}: the stored period and spend, or a fresh period when a later one has begun. */
    CreditBudget.State at(long nowMs) {
        Long start = state.get(ThrottleState.BUDGET_PERIOD_START_MS.key());
        Long actions = state.get(ThrottleState.BUDGET_SPENT.key());
        if (start == null || actions == null) {
            return budget.at(null, nowMs);
        }
        Long dataCredits = state.get(ThrottleState.BUDGET_DATA_CREDITS_SPENT.key());
        return budget.at(new CreditBudget.State(start, new ClayCost(actions, dataCredits == null ? 0 : dataCredits)),
                nowMs);
    }

    void save(CreditBudget.State credits) {
        putIfChanged(state, ThrottleState.BUDGET_PERIOD_START_MS.key(), credits.periodStartMs());
        putIfChanged(state, ThrottleState.BUDGET_SPENT.key(), credits.spent().actions());
        putIfChanged(state, ThrottleState.BUDGET_DATA_CREDITS_SPENT.key(), credits.spent().dataCredits());
    }

    /** Writes only a changed figure: every write is a changelog record in the next commit. */
    static void putIfChanged(KeyValueStore<String, Long> state, String key, long value) {
        Long stored = state.get(key);
        if (stored == null || stored != value) {
            state.put(key, value);
        }
    }
}
