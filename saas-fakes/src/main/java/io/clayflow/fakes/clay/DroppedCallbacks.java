package io.clayflow.fakes.clay;

import io.clayflow.fakes.SaasFake;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows whose HTTP API column never called back, by {@code lead_id}, with why: the column failed (the
 * {@code callback_failure_rate} fault: Clay shows an error in the cell and, its retries being undocumented, calls
 * nothing) or every attempt to reach the callback URL failed. What the Clay ledger must find overdue, exactly; served
 * at {@code GET /admin/callbacks/dropped}.
 */
final class DroppedCallbacks {

    static final String COLUMN_FAILED = "column_failed";
    static final String DELIVERY_FAILED = "delivery_failed";

    private final Map<String, String> dropped = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();

    /** A row's column did not call back; a row that was called back by another run of its column stays delivered. */
    void dropped(JsonObject row, String why) {
        String leadId = row.getString(WebhookRequest.LEAD_ID);
        if (leadId != null && !delivered.contains(leadId)) {
            dropped.put(leadId, why);
        }
    }

    /** A row's callback was answered 2xx (a duplicate run of its column may have failed before). */
    void delivered(JsonObject row) {
        String leadId = row.getString(WebhookRequest.LEAD_ID);
        if (leadId != null) {
            delivered.add(leadId);
            dropped.remove(leadId);
        }
    }

    /** The {@code lead_id}s, in the order they were dropped. */
    List<String> leadIds() {
        synchronized (dropped) {
            return List.copyOf(new ArrayList<>(dropped.keySet()));
        }
    }

    void mount(Router router) {
        router.get("/admin/callbacks/dropped").handler(ctx -> {
            JsonArray rows = new JsonArray();
            synchronized (dropped) {
                dropped.forEach((leadId, why) -> rows.add(new JsonObject().put("lead_id", leadId).put("why", why)));
            }
            SaasFake.json(ctx, 200, new JsonObject().put("count", rows.size()).put("dropped", rows));
        });
    }
}
