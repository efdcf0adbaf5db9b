package io.clayflow.fakes.clay;

import java.util.Locale;

/** Why rows that reached the simulator did not become table rows; the names are those of {@code /admin/stats}. */
public enum Refusal {
    /** No webhook with that id (404). */
    NOT_FOUND,
    /** An injected fault answered instead: 5xx, forced status or timeout. */
    FAULT,
    /** Missing or wrong {@code x-clay-webhook-auth} (401). */
    AUTH,
    /** Body over the size limit (413); counted as one row, since the body is not read. */
    TOO_LARGE,
    /** Not JSON, not an object or array, or a row without {@code lead_id} (400). */
    BAD_ROW,
    /** The workspace's rate limit (429). */
    RATE_LIMITED,
    /** The webhook's lifetime submission cap (403). */
    CAP_REACHED,
    /** Accepted (2xx) but not added: the table is at its row cap. */
    TABLE_FULL,
    /** Accepted (2xx) but not added: the table already holds the {@code lead_id}. */
    DUPLICATE,
    /** The workspace is out of credits (402, {@link ClaySimulator#setCreditsExhausted}). */
    NO_CREDITS,
    /** A JSON array refused whole (400) by a workspace whose array mode is {@link ArrayMode#REFUSE}. */
    ARRAY_REFUSED,
    /**
     * Accepted (2xx) but lost: the workspace's array mode is {@link ArrayMode#ONE_ROW}, so the array became one row
     * without a {@code lead_id}, which never calls back.
     */
    ARRAY_AS_ONE_ROW;

    /** The name in {@code /admin/stats}: the constant's, in lower case. */
    public String statName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
