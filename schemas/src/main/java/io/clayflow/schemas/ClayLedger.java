package io.clayflow.schemas;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wire contract of the Clay round-trip ledger: the {@link Headers} of a sent record
 * ({@link Topics#LEADS_CLAY_SENT}), which an overdue dead letter keeps; the dead-letter reason; the resend request
 * keys; and the summary records ({@link Topics#CLAY_LEDGER_SUMMARY}) status reads.
 */
public final class ClayLedger {

    /** The table name of rows sent by a sink that names no tables. */
    public static final String DEFAULT_TABLE = "default";
    /** A resend request's key meaning every table. */
    public static final String ALL_TABLES = "*";

    /** The dead-letter reason of a row whose callback did not come within its table's timeout (stage {@code clay}). */
    public static final String REASON_CALLBACK_OVERDUE = "callback.overdue";

    private ClayLedger() {
    }

    /** The summary topic's key of a table's figures on one partition of the ledger. */
    public static String summaryKey(String table, int partition) {
        return table + "/" + partition;
    }

    /** The table of a summary key (everything before its last {@code /}). */
    public static String summaryTable(String key) {
        int at = key.lastIndexOf('/');
        return at < 0 ? key : key.substring(0, at);
    }

    /** The headers of a sent record, which an overdue dead letter keeps; each value UTF-8 text ({@link #text}). */
    public static final class Headers {

        /** The Clay table a row went to; {@link ClayLedger#DEFAULT_TABLE} while the sink configures no table names. */
        public static final String TABLE = "clayflow.clay.table";
        /** The webhook the row went to, as an id (a SHA-256 hash of its URL): never the URL, which holds a secret. */
        public static final String WEBHOOK = "clayflow.clay.webhook";
        /** When Clay accepted the row: epoch milliseconds, decimal. */
        public static final String SENT_AT = "clayflow.clay.sent.at";
        /** On a lead the ledger re-sent to the outbox: the epoch milliseconds of the send it replaces. */
        public static final String RESEND_OF = "clayflow.clay.resend.of.sent.at";

        private Headers() {
        }

        /** The text of a header value, or empty. */
        public static Optional<String> text(byte[] value) {
            return value == null ? Optional.empty() : Optional.of(new String(value, StandardCharsets.UTF_8));
        }
    }

    /**
     * One table's figures on one partition of the ledger.
     *
     * @param open rows awaiting their callback, overdue ones included
     * @param overdue rows past their table's timeout with no callback yet (each dead-lettered once)
     * @param oldestOpenSentAt when the oldest open row was sent, epoch ms; 0 when none is open
     * @param overdueTotal rows that ever became overdue
     * @param lateTotal overdue rows whose callback came after all
     * @param resentTotal overdue rows re-sent to Clay on request
     */
    public record Summary(long open, long overdue, long oldestOpenSentAt, long overdueTotal, long lateTotal,
            long resentTotal) {

        public static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0);

        /** {@code open=..;overdue=..;oldest.open.sent.at=..;overdue.total=..;late.total=..;resent.total=..} */
        public String encode() {
            return "open=" + open + ";overdue=" + overdue + ";oldest.open.sent.at=" + oldestOpenSentAt
                    + ";overdue.total=" + overdueTotal + ";late.total=" + lateTotal + ";resent.total=" + resentTotal;
        }

        /** What {@link #encode} wrote; figures it lacks or cannot read are 0. */
        public static Summary decode(String text) {
            Map<String, Long> figures = new LinkedHashMap<>();
            for (String part : text == null ? new String[0] : text.split(";")) {
                int at = part.indexOf('=');
                if (at > 0) {
                    try {
                        figures.put(part.substring(0, at).trim(), Long.parseLong(part.substring(at + 1).trim()));
                    } catch (NumberFormatException e) {
                        // a figure this reader cannot read counts as 0
                    }
                }
            }
            return new Summary(figures.getOrDefault("open", 0L), figures.getOrDefault("overdue", 0L),
                    figures.getOrDefault("oldest.open.sent.at", 0L), figures.getOrDefault("overdue.total", 0L),
                    figures.getOrDefault("late.total", 0L), figures.getOrDefault("resent.total", 0L));
        }

        /** The figures of two partitions together (the oldest open row is the older of the two). */
        public Summary plus(Summary other) {
            long oldest = oldestOpenSentAt == 0 ? other.oldestOpenSentAt
                    : other.oldestOpenSentAt == 0 ? oldestOpenSentAt : Math.min(oldestOpenSentAt, other.oldestOpenSentAt);
            return new Summary(open + other.open, overdue + other.overdue, oldest, overdueTotal + other.overdueTotal,
                    lateTotal + other.lateTotal, resentTotal + other.resentTotal);
        }
    }
}
