package io.clayflow.status.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cost report as plain maps, in the field names every JSON output uses ({@code clayflow cost --output json},
 * {@code clayflow status --output json}, the status page's {@code status.json}).
 */
public final class CostReportFields {

    /** The column names, in the order tables print them. */
    public static final String[] FIGURES = {"rows", "actions", "data_credits", "actual_rows", "duplicates_dropped",
        "cache_hits", "actions_saved", "data_credits_saved"};

    private CostReportFields() {
    }

    public static Map<String, Object> of(CostReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("from", report.from().toString());
        map.put("to", report.to() == null ? null : report.to().toString());
        map.put("by", report.by().label());
        Map<String, Object> groups = new LinkedHashMap<>();
        report.groups().forEach((name, figures) -> groups.put(name, of(figures)));
        map.put("groups", groups);
        map.put("total", of(report.total()));
        map.put("undecodable", report.undecodable());
        return map;
    }

    public static Map<String, Object> of(CostFigures f) {
        Map<String, Object> map = new LinkedHashMap<>();
        long[] values = values(f);
        for (int i = 0; i < FIGURES.length; i++) {
            map.put(FIGURES[i], values[i]);
        }
        return map;
    }

    /** The figures in {@link #FIGURES} order. */
    public static long[] values(CostFigures f) {
        return new long[] {f.rows(), f.actions(), f.dataCredits(), f.actualRows(), f.duplicatesDropped(),
            f.cacheHits(), f.actionsSaved(), f.dataCreditsSaved()};
    }
}
