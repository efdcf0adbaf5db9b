package io.clayflow.cli.warehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How a query's rows are printed. Numbers and times are printed as DuckDB gives them, whatever the locale. */
public enum ResultFormat {

    /** Aligned columns under their names, then the row count. */
    TABLE {
        @Override
        String render(List<String> columns, List<List<String>> values) {
            List<List<String>> rows = values.stream().map(row -> row.stream()
                    .map(cell -> cell == null ? "NULL" : cell).toList()).toList();
            int[] widths = new int[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = columns.get(i).length();
                for (List<String> row : rows) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder out = new StringBuilder();
            line(out, columns, widths);
            List<String> rules = new ArrayList<>();
            for (int width : widths) {
                rules.add("-".repeat(width));
            }
            line(out, rules, widths);
            rows.forEach(row -> line(out, row, widths));
            return out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)")
                    .append(System.lineSeparator()).toString();
        }

        private void line(StringBuilder out, List<String> cells, int[] widths) {
            for (int i = 0; i < cells.size(); i++) {
                out.append(i == 0 ? "" : "  ").append(cells.get(i))
                        .append(" ".repeat(i == cells.size() - 1 ? 0 : widths[i] - cells.get(i).length()));
            }
            out.append(System.lineSeparator());
        }
    },

    /** RFC 4180: a header line, then one line per row; a cell with a comma, quote or line break is quoted. */
    CSV {
        @Override
        String render(List<String> columns, List<List<String>> rows) {
            StringBuilder out = new StringBuilder(line(columns));
            rows.forEach(row -> out.append(line(row)));
            return out.toString();
        }

        private String line(List<String> cells) {
            return cells.stream().map(cell -> cell == null ? "" : cell.matches("(?s).*[\",\\r\\n].*")
                    ? '"' + cell.replace("\"", "\"\"") + '"' : cell).collect(Collectors.joining(",")) + "\r\n";
        }
    };

    /** The printed form of a result (rows of cells, null for SQL NULL: {@code NULL} in a table, empty in CSV). */
    abstract String render(List<String> columns, List<List<String>> rows);
}
