package io.clayflow.intake;

/**
 * A figure on each of the two meters Clay bills: Actions (1 per enrichment, 1 per HTTP API call, 1 per exported
 * record; webhook imports are free) and Data Credits (per data point found). A cost per row, a budget per period or
 * what a period spent.
 */
record ClayCost(long actions, long dataCredits) {

    static final ClayCost ZERO = new ClayCost(0, 0);

    ClayCost {
        if (actions < 0 || dataCredits < 0) {
            throw new IllegalArgumentException("Actions and Data Credits are never negative");
        }
    }

    ClayCost times(long rows) {
        return new ClayCost(Math.multiplyExact(actions, rows), Math.multiplyExact(dataCredits, rows));
    }

    ClayCost plus(ClayCost other) {
        return new ClayCost(Math.addExact(actions, other.actions), Math.addExact(dataCredits, other.dataCredits));
    }

    /** This figure moved by a signed correction on each meter, never below zero. */
    ClayCost corrected(long actionsDelta, long dataCreditsDelta) {
        return new ClayCost(Math.max(0, actions + actionsDelta), Math.max(0, dataCredits + dataCreditsDelta));
    }
}
