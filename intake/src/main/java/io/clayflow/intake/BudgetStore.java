package io.clayflow.intake;

import io.clayflow.schemas.ThrottleState;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The credit budget's figures in the throttle's state store ({@link ThrottleState} keys): the period's start, the
 * Actions spent (under the key the one-meter budget used, so an upgrade keeps its spend) and the Data Credits spent.
 * Shared by the throttle, which spends, and {@link ActualCostProcessor}, which corrects.
 */
final class BudgetStore {

    private BudgetStore() {
    }

    /** The stored state, or null before the first spend. */
    static CreditBudget.State load(KeyValueStore<String, Long> state) {
        Long start = state.get(ThrottleState.BUDGET_PERIOD_START_MS.key());
        Long actions = state.get(ThrottleState.BUDGET_SPENT.key());
        if (start == null || actions == null) {
            return null;
        }
        Long dataCredits = state.get(ThrottleState.BUDGET_DATA_CREDITS_SPENT.key());
        return new CreditBudget.State(start, new ClayCost(actions, dataCredits == null ? 0 : dataCredits));
    }

    static void save(KeyValueStore<String, Long> state, CreditBudget.State credits) {
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
