package io.clayflow.cli.cost;

import io.clayflow.status.cost.CostFigures;
import io.clayflow.status.cost.CostReport;
import io.clayflow.status.cost.CostReportFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cost report as a plain-text table: one line per source or table, then the total; numbers grouped the same in
 * every locale. {@code clayflow cost} prints it, and {@code clayflow status} indented under its counters.
 */
public final class CostTable {

    private static final String[] HEADERS = {"rows", "actions", "data credits", "actual", "dup dropped",
        "cache hits", "actions saved", "credits saved"};

    private CostTable() {
    }

    /** The table's lines, each starting with {@code indent}. */
    public static List<String> lines(CostReport report, String indent) {
        int nameWidth = report.groups().keySet().stream().mapToInt(String::length)
                .reduce(Math.max(report.by().label().length(), "total".length()), Math::max);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder(indent).append(pad(report.by().label(), nameWidth));
        for (String column : HEADERS) {
            header.append("  ").append(String.format(Locale.ROOT, "%13s", column));
        }
        lines.add(header.toString().stripTrailing());
        report.groups().forEach((name, figures) -> lines.add(line(indent, name, nameWidth, figures)));
        lines.add(line(indent, "total", nameWidth, report.total()));
        return lines;
    }

    private static String line(String indent, String name, int nameWidth, CostFigures figures) {
        StringBuilder line = new StringBuilder(indent).append(pad(name, nameWidth));
        for (long value : CostReportFields.values(figures)) {
            line.append("  ").append(String.format(Locale.ROOT, "%,13d", value));
        }
        return line.toString();
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }
}
