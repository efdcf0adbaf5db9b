package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rows a webhook has fed, in arrival order, with the table's row cap and its auto-dedupe on {@code lead_id}. */
final class ClayTable {

    /** What became of a row offered to the table. */
    enum Outcome { ADDED, DUPLICATE, TABLE_FULL }

    private final int rowCap;
    private final boolean dedupe;
    private final boolean passthrough;
    private final List<JsonObject> rows = new ArrayList<>();
    private final Set<String> leadIds = new HashSet<>();

    ClayTable(int rowCap, boolean dedupe) {
        this(rowCap, dedupe, false);
    }

    private ClayTable(int rowCap, boolean dedupe, boolean passthrough) {
        this.rowCap = rowCap;
        this.dedupe = dedupe;
        this.passthrough = passthrough;
    }

    /** An auto-delete table: no cap, no dedupe (its rows are gone once enriched); kept here for inspection. */
    static ClayTable passthrough() {
        return new ClayTable(Integer.MAX_VALUE, false, true);
    }

    /** @param leadId the row's lead_id, or null for a row without one (an array Clay took as one row) */
    synchronized Outcome add(String leadId, JsonObject row) {
        if (dedupe && leadId != null && leadIds.contains(leadId)) {
            return Outcome.DUPLICATE;
        }
        if (!passthrough && rows.size() >= rowCap) {
            return Outcome.TABLE_FULL;
        }
        rows.add(row.copy());
        if (leadId != null) {
            leadIds.add(leadId);
        }
        return Outcome.ADDED;
    }

    synchronized List<JsonObject> rows() {
        List<JsonObject> copy = new ArrayList<>(rows.size());
        rows.forEach(row -> copy.add(row.copy()));
        return copy;
    }

    synchronized List<String> leadIds() {
        return rows.stream().map(row -> row.getString(WebhookRequest.LEAD_ID)).toList();
    }

    synchronized int size() {
        return rows.size();
    }

    int rowCap() {
        return rowCap;
    }
}
