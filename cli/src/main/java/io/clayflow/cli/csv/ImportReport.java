package io.clayflow.cli.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an import did: rows produced, rows refused with their line and reason. */
public final class ImportReport {

    private long produced;
    private final List<LeadRow> refused = new ArrayList<>();

    void produced() {
        produced++;
    }

    void refused(LeadRow row) {
        refused.add(row);
    }

    public long producedRows() {
        return produced;
    }

    public List<LeadRow> refusedRows() {
        return List.copyOf(refused);
    }

    /** Refused rows per reason, by reason name. */
    public Map<String, Long> refusedByReason() {
        Map<String, Long> counts = new TreeMap<>();
        refused.forEach(row -> counts.merge(row.reason(), 1L, Long::sum));
        return counts;
    }
}
