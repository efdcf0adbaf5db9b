package io.clayflow.status.cost;

/**
 * What one group of the cost ledger (a source, a table, or all of them) adds up to over a time range.
 *
 * @param rows rows sent to Clay
 * @param actions Clay Actions spent: each row's actual figure where Clay reported one, else its estimate
 * @param dataCredits Clay Data Credits spent, the same way
 * @param actualRows rows whose cost Clay reported (on at least one meter); the others count at the estimate
 * @param duplicatesDropped repeats intake dropped instead of sending
 * @param cacheHits repeats served from the enrichment cache instead of sending
 * @param actionsSaved Actions the dropped duplicates and cache hits would have cost (at the estimate)
 * @param dataCreditsSaved Data Credits they would have cost
 */
public record CostFigures(long rows, long actions, long dataCredits, long actualRows, long duplicatesDropped,
        long cacheHits, long actionsSaved, long dataCreditsSaved) {

    public static final CostFigures ZERO = new CostFigures(0, 0, 0, 0, 0, 0, 0, 0);

    CostFigures plusRow(long rowActions, long rowDataCredits, boolean actual) {
        return new CostFigures(rows + 1, actions + rowActions, dataCredits + rowDataCredits,
                actualRows + (actual ? 1 : 0), duplicatesDropped, cacheHits, actionsSaved, dataCreditsSaved);
    }

    CostFigures plusSaving(boolean cacheHit, long savedActions, long savedDataCredits) {
        return new CostFigures(rows, actions, dataCredits, actualRows, duplicatesDropped + (cacheHit ? 0 : 1),
                cacheHits + (cacheHit ? 1 : 0), actionsSaved + savedActions, dataCreditsSaved + savedDataCredits);
    }

    CostFigures plus(CostFigures o) {
        return new CostFigures(rows + o.rows, actions + o.actions, dataCredits + o.dataCredits,
                actualRows + o.actualRows, duplicatesDropped + o.duplicatesDropped, cacheHits + o.cacheHits,
                actionsSaved + o.actionsSaved, dataCreditsSaved + o.dataCreditsSaved);
    }
}
