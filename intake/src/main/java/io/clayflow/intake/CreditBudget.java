package io.clayflow.intake;

import java.time.Duration;

/**
 * Clay credits intake may spend per period. Periods are aligned to the UTC epoch ({@code P1D} starts at UTC
 * midnight); a new period starts with nothing spent. A clock that goes back never reopens an earlier period.
 */
record CreditBudget(long creditsPerPeriod, Duration period, long creditsPerLead) {

    /** The period in progress and the credits spent in it. */
    record State(long periodStartMs, long spent) {
    }

    CreditBudget {
        if (creditsPerPeriod < 1 || creditsPerLead < 0 || period.toMillis() < 1) {
            throw new IllegalArgumentException("credits per period >= 1, credits per lead >= 0, period >= 1 ms");
        }
    }

    long periodStart(long nowMs) {
        long periodMs = period.toMillis();
        return Math.floorDiv(nowMs, periodMs) * periodMs;
    }

    /** The budget at {@code nowMs}: the stored state, or a fresh one when a later period has begun. */
    State at(State stored, long nowMs) {
        long start = periodStart(nowMs);
        if (stored == null || start > stored.periodStartMs()) {
            return new State(start, 0);
        }
        return stored;
    }

    /** How many more leads the state's period can pay for. */
    long affordableLeads(State state) {
        return creditsPerLead == 0 ? Long.MAX_VALUE : Math.max(0, creditsLeft(state)) / creditsPerLead;
    }

    long creditsLeft(State state) {
        return creditsPerPeriod - state.spent();
    }

    State spend(State state, long leads) {
        return new State(state.periodStartMs(), state.spent() + leads * creditsPerLead);
    }
}
