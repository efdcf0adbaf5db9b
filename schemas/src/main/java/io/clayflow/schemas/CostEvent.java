package io.clayflow.schemas;

import io.clayflow.config.WireNames;
import java.util.Objects;

/**
 * One entry of the cost ledger ({@link Topics#COST_EVENTS}): a cost a stage knew of for one lead, on the two meters
 * Clay bills, Actions and Data Credits.
 *
 * <ul>
 *   <li>{@link Kind#ESTIMATED}: intake released the lead to Clay; one row sent, the configured cost per row.</li>
 *   <li>{@link Kind#ACTUAL}: Clay's callback carried the figures; they replace the estimate of the same
 *       {@code lead_id} (a meter left null keeps its estimate).</li>
 *   <li>{@link Kind#SAVED_DUPLICATE}, {@link Kind#SAVED_CACHE}: a repeat of a person was not sent to Clay; the
 *       figures are what sending it would have cost (the estimate per row).</li>
 * </ul>
 *
 * @param table the Clay table, or null when the stage does not know it
 * @param rows rows sent to Clay: 1 for {@link Kind#ESTIMATED}, 0 otherwise
 * @param actions Clay Actions, or null when unknown
 * @param dataCredits Clay Data Credits, or null when unknown
 * @param at when the cost arose, epoch milliseconds
 */
public record CostEvent(Kind kind, String leadId, String source, String table, int rows, Long actions,
        Long dataCredits, long at) {

    /** What a cost event records. */
    public enum Kind {
        ESTIMATED, ACTUAL, SAVED_DUPLICATE, SAVED_CACHE;

        private final String wireName = WireNames.dotted(this);

        /** The name on the wire: the constant's in lower case, dotted, e.g. {@code saved.duplicate}. */
        public String wireName() {
            return wireName;
        }

        public static Kind of(String wireName) {
            return WireNames.find(Kind.class, Kind::wireName, wireName)
                    .orElseThrow(() -> new IllegalArgumentException("unknown cost event kind '" + wireName + "'"));
        }

        public boolean saved() {
            return this == SAVED_DUPLICATE || this == SAVED_CACHE;
        }
    }

    public CostEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(source, "source");
        if (rows < 0 || (actions != null && actions < 0) || (dataCredits != null && dataCredits < 0)) {
            throw new IllegalArgumentException("rows, actions and data credits are never negative");
        }
    }

    /** A row released to Clay at {@code at}, at the estimated cost per row. */
    public static CostEvent estimated(String leadId, String source, String table, long actions, long dataCredits,
            long at) {
        return new CostEvent(Kind.ESTIMATED, leadId, source, table, 1, actions, dataCredits, at);
    }

    /** The figures Clay's callback carried; either may be null (not reported). */
    public static CostEvent actual(String leadId, String source, String table, Long actions, Long dataCredits,
            long at) {
        return new CostEvent(Kind.ACTUAL, leadId, source, table, 0, actions, dataCredits, at);
    }

    /** A repeat not sent to Clay ({@code kind} one of the saved kinds), saving the estimated cost per row. */
    public static CostEvent saved(Kind kind, String leadId, String source, String table, long actions,
            long dataCredits, long at) {
        if (!kind.saved()) {
            throw new IllegalArgumentException(kind + " is not a saving");
        }
        return new CostEvent(kind, leadId, source, table, 0, actions, dataCredits, at);
    }
}
