package io.clayflow.status.cost;

import java.util.Objects;

/** The cost ledger of the budget period in progress, per source and per table (the same total either way). */
public record PeriodCosts(CostReport bySource, CostReport byTable) {

    public PeriodCosts {
        Objects.requireNonNull(bySource, "bySource");
        Objects.requireNonNull(byTable, "byTable");
    }

    /** The ledger of {@code [from, now)} both ways. */
    public static PeriodCosts of(CostLedger ledger, java.time.Instant from) {
        return new PeriodCosts(ledger.report(from, null, CostGrouping.SOURCE),
                ledger.report(from, null, CostGrouping.TABLE));
    }

    public CostFigures total() {
        return bySource.total();
    }
}
