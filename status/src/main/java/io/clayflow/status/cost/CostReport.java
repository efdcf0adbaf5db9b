package io.clayflow.status.cost;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost ledger over {@code [from, to)}, per source or per table, with the total.
 *
 * @param to the end of the range, exclusive; null for "up to now"
 * @param groups figures per source or table name, sorted by name
 * @param undecodable ledger records that were not cost events (skipped)
 */
public record CostReport(Instant from, Instant to, CostGrouping by, Map<String, CostFigures> groups,
        CostFigures total, long undecodable) {

    public CostReport {
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }
}
