package io.clayflow.fakes.clay;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook body read as rows: a JSON object is one row, an array is one row per element. Every row must be an object
 * with a non-blank string {@code lead_id} (the table's dedupe column and the callback's correlation key).
 *
 * @param rows     the rows, when the body is well-formed
 * @param rowCount how many rows the body holds: the array's length, otherwise 1 (also for a body that is not JSON)
 * @param problem  why the body as a whole is unusable, or {@code null}
 * @param errors   the bad rows, by index, or empty
 * @param array    the body is a JSON array
 */
record WebhookRequest(List<JsonObject> rows, int rowCount, String problem, List<RowError> errors, boolean array) {

    static final String LEAD_ID = "lead_id";

    /** A row the table would not take, by its index in the body (0 for a single-object body). */
    record RowError(int index, String reason) {
        JsonObject toJson() {
            return new JsonObject().put("index", index).put("reason", reason);
        }
    }

    WebhookRequest(List<JsonObject> rows, int rowCount, String problem, List<RowError> errors) {
        this(rows, rowCount, problem, errors, false);
    }

    boolean valid() {
        return problem == null && errors.isEmpty();
    }

    static WebhookRequest parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return new WebhookRequest(List.of(), 1, "the body is empty: send a JSON object or an array of them", List.of());
        }
        Object json;
        try {
            json = Json.decodeValue(body);
        } catch (DecodeException e) {
            return new WebhookRequest(List.of(), 1, "the body is not JSON: " + e.getMessage(), List.of());
        }
        if (json instanceof JsonObject object) {
            List<RowError> errors = new ArrayList<>();
            check(0, object, errors);
            return new WebhookRequest(List.of(object), 1, null, errors);
        }
        if (json instanceof JsonArray array) {
            if (array.isEmpty()) {
                return new WebhookRequest(List.of(), 0, "the array is empty: send at least one row", List.of(), true);
            }
            List<JsonObject> rows = new ArrayList<>(array.size());
            List<RowError> errors = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Object element = array.getValue(i);
                if (element instanceof JsonObject row) {
                    rows.add(row);
                    check(i, row, errors);
                } else {
                    errors.add(new RowError(i, "the row is not a JSON object"));
                }
            }
            return new WebhookRequest(List.copyOf(rows), array.size(), null, List.copyOf(errors), true);
        }
        return new WebhookRequest(List.of(), 1, "the body is neither a JSON object nor an array of objects", List.of());
    }

    private static void check(int index, JsonObject row, List<RowError> errors) {
        Object leadId = row.getValue(LEAD_ID);
        if (leadId == null) {
            errors.add(new RowError(index, "lead_id is missing"));
        } else if (!(leadId instanceof String text) || text.isBlank()) {
            errors.add(new RowError(index, "lead_id must be a non-empty string"));
        }
    }
}
