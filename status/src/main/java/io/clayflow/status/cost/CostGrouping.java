package io.clayflow.status.cost;

import io.clayflow.schemas.CostEvent;
import java.util.Locale;

/** How the cost ledger is split: by the lead's source ({@code web-form}, {@code csv-import}, ...) or by Clay table. */
public enum CostGrouping {
    SOURCE, TABLE;

    /** The group of a row: its table is the one Clay's callback named, else the one its estimate was booked to. */
    String of(CostEvent booked, CostEvent actual) {
        if (this == SOURCE) {
            return booked.source();
        }
        String table = actual != null && actual.table() != null ? actual.table() : booked.table();
        return table == null ? "(unknown)" : table;
    }

    public static CostGrouping of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
