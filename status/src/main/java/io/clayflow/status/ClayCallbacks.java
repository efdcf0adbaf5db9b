package io.clayflow.status;

import io.clayflow.schemas.ClayLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Clay ledger knows of the round trip, per Clay table (summed over its partitions): rows awaiting their
 * callback, rows overdue, when the oldest open row was sent, and the totals. Empty when no ledger has published yet.
 *
 * @param tables figures per table, in name order
 */
public record ClayCallbacks(Instant collectedAt, Map<String, ClayLedger.Summary> tables) {

    public ClayCallbacks {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    /** Overdue rows of every table. */
    public long overdue() {
        return tables.values().stream().mapToLong(ClayLedger.Summary::overdue).sum();
    }

    /** How long the table's oldest open row has waited, or null when none is open. */
    public Duration oldestOpenAge(String table) {
        ClayLedger.Summary summary = tables.get(table);
        if (summary == null || summary.oldestOpenSentAt() == 0) {
            return null;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(summary.oldestOpenSentAt()), collectedAt);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
