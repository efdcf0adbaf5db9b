package io.clayflow.fakes.clay;

/** Why rows that reached the simulator did not become table rows; the names are those of {@code /admin/stats}. */
public enum Refusal {
    /** No webhook with that id (404). */
    NOT_FOUND("not_found"),
    /** An injected fault answered instead: 5xx, forced status or timeout. */
    FAULT("fault"),
    /** Missing or wrong {@code x-clay-webhook-auth} (401). */
    AUTH("auth"),
    /** Body over the size limit (413); counted as one row, since the body is not read. */
    TOO_LARGE("too_large"),
    /** Not JSON, not an object or array, or a row without {@code lead_id} (400). */
    BAD_ROW("bad_row"),
    /** The workspace's rate limit (429). */
    RATE_LIMITED("rate_limited"),
    /** The webhook's lifetime submission cap (403). */
    CAP_REACHED("cap_reached"),
    /** Accepted (2xx) but not added: the table is at its row cap. */
    TABLE_FULL("table_full"),
    /** Accepted (2xx) but not added: the table already holds the {@code lead_id}. */
    DUPLICATE("duplicate");

    private final String statName;

    Refusal(String statName) {
        this.statName = statName;
    }

    public String statName() {
        return statName;
    }
}
