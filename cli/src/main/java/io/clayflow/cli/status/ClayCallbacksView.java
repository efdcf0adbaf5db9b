package io.clayflow.cli.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.status.ClayCallbacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Clay ledger's part of {@code clayflow status}: per Clay table, rows overdue (no callback within the table's
 * timeout), rows awaiting a callback and the age of the oldest, late callbacks and re-sends; as text lines and as the
 * JSON object {@code clay_callbacks}.
 */
final class ClayCallbacksView {

    private ClayCallbacksView() {
    }

    /** The lines to print after the counters; one saying so when no ledger has published yet. */
    static String text(ClayCallbacks callbacks) {
        List<String> lines = new ArrayList<>();
        if (callbacks == null || callbacks.tables().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  %-22s %10s  %s", "Clay callbacks", "-",
                    "overdue 0 (the Clay ledger has recorded no row yet)"));
        }
        if (callbacks != null) {
            callbacks.tables().forEach((table, summary) -> lines.add(String.format(Locale.ROOT,
                    "  %-22s %,10d  overdue, table %s: %,d awaiting a callback%s; %,d late, %,d re-sent",
                    "Clay callbacks", summary.overdue(), table, summary.open(), oldest(callbacks, table),
                    summary.lateTotal(), summary.resentTotal())));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    static void json(ObjectNode json, ClayCallbacks callbacks) {
        ObjectNode node = json.putObject("clay_callbacks");
        node.put("overdue", callbacks == null ? 0 : callbacks.overdue());
        ObjectNode tables = node.putObject("tables");
        if (callbacks == null) {
            return;
        }
        callbacks.tables().forEach((table, summary) -> {
            Duration age = callbacks.oldestOpenAge(table);
            tables.putObject(table).put("overdue", summary.overdue()).put("open", summary.open())
                    .put("oldest_open_age_seconds", age == null ? null : age.toSeconds())
                    .put("overdue_total", summary.overdueTotal()).put("late_total", summary.lateTotal())
                    .put("resent_total", summary.resentTotal());
        });
    }

    private static String oldest(ClayCallbacks callbacks, String table) {
        Duration age = callbacks.oldestOpenAge(table);
        return age == null ? "" : ", the oldest for " + human(age);
    }

    static String human(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds < 7_200 ? seconds / 60 + " min" : seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
    }
}
