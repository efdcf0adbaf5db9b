package io.clayflow.intake;

import java.time.Duration;
import java.util.Objects;

/**
 * What intake may spend per period on each of Clay's two meters, Actions and Data Credits, and what a released row is
 * estimated to cost on each. Periods are aligned to the UTC epoch ({@code P1D} starts at UTC midnight); a new period
 * starts with nothing spent. A clock that goes back never reopens an earlier period. A meter whose budget is 0 is not
 * limited; a lead waits when any limited meter cannot pay for its row.
 *
 * @param perPeriod the budget of each meter per period (0: that meter is not limited)
 * @param perRow the estimated cost of one row sent to Clay
 */
record CreditBudget(Duration period, ClayCost perPeriod, ClayCost perRow) {

    /** The period in progress and what it spent. */
    record State(long periodStartMs, ClayCost spent) {
    }

    CreditBudget {
        Objects.requireNonNull(perPeriod, "perPeriod");
        Objects.requireNonNull(perRow, "perRow");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("period >= 1 ms");
        }
    }

    /** The one-meter budget of before: {@code creditsPerPeriod} Actions, {@code creditsPerLead} Actions a row. */
    CreditBudget(long creditsPerPeriod, Duration period, long creditsPerLead) {
        this(period, new ClayCost(creditsPerPeriod, 0), new ClayCost(creditsPerLead, 0));
    }

    long periodStart(long nowMs) {
        long periodMs = period.toMillis();
        return Math.floorDiv(nowMs, periodMs) * periodMs;
    }

    /** The budget at {@code nowMs}: the stored state, or a fresh one when a later period has begun. */
    State at(State stored, long nowMs) {
        long start = periodStart(nowMs);
        if (stored == null || start > stored.periodStartMs()) {
            return new State(start, ClayCost.ZERO);
        }
        return stored;
    }

    /** How many more leads the state's period can pay for: the fewest any limited meter allows. */
    long affordableLeads(State state) {
        return Math.min(affordable(perPeriod.actions(), state.spent().actions(), perRow.actions()),
                affordable(perPeriod.dataCredits(), state.spent().dataCredits(), perRow.dataCredits()));
    }

    private static long affordable(long limit, long spent, long perRow) {
        return limit == 0 || perRow == 0 ? Long.MAX_VALUE : Math.max(0, limit - spent) / perRow;
    }

    /** Actions left in the state's period (negative once a correction overspent it); the limit when unlimited. */
    long actionsLeft(State state) {
        return perPeriod.actions() - state.spent().actions();
    }

    /** Data Credits left in the state's period. */
    long dataCreditsLeft(State state) {
        return perPeriod.dataCredits() - state.spent().dataCredits();
    }

    /** @deprecated the Actions meter's: use {@link #actionsLeft} */
    @Deprecated
    long creditsLeft(State state) {
        return actionsLeft(state);
    }

    State spend(State state, long leads) {
        return new State(state.periodStartMs(), state.spent().plus(perRow.times(leads)));
    }

    /**
     * The state after Clay reported what a row actually cost: the difference to the estimate {@link #spend} charged
     * is added to (or taken from) the period in progress, never below zero on either meter.
     *
     * @param actualActions the row's Actions, or null when Clay did not say (the estimate stands)
     * @param actualDataCredits the row's Data Credits, or null
     */
    State correct(State state, Long actualActions, Long actualDataCredits) {
        long actions = actualActions == null ? 0 : actualActions - perRow.actions();
        long dataCredits = actualDataCredits == null ? 0 : actualDataCredits - perRow.dataCredits();
        return new State(state.periodStartMs(), state.spent().corrected(actions, dataCredits));
    }
}
