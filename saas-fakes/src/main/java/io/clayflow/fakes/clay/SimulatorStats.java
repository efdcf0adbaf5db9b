package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the simulator's counters, as {@code GET /admin/stats} shows them. Every row that reaches a webhook is
 * counted once in {@code rowsReceived} and once more, either in {@code rowsAdded} or under one {@link Refusal}.
 *
 * @param requests            webhook requests received
 * @param requestsByStatus    webhook requests by the status answered ("timeout" for those never answered)
 * @param rowsReceived        rows in those requests (1 for a body that could not be read as rows)
 * @param rowsAdded           rows added to a table
 * @param rowsRefused         rows not added, by reason (every reason present, 0 when none)
 * @param callbacksSent       callbacks answered 2xx (a duplicated callback counts twice)
 * @param callbacksFailed     callbacks given up on after their attempts, plus those an injected failure suppressed
 * @param callbackAttempts    HTTP requests made for callbacks, retries included
 * @param callbacksDuplicated extra callbacks the duplicate fault scheduled
 * @param callbacksLate       callbacks the late fault held back past the enrichment delay
 * @param webhooks            per webhook id: submissions used and cap, table rows and row cap
 */
public record SimulatorStats(long requests, Map<String, Long> requestsByStatus, long rowsReceived, long rowsAdded,
                             Map<Refusal, Long> rowsRefused, long callbacksSent, long callbacksFailed,
                             long callbackAttempts, long callbacksDuplicated, long callbacksLate,
                             Map<String, WebhookStats> webhooks) {

    /** One webhook's usage. */
    public record WebhookStats(long submissions, long submissionCap, int rows, int rowCap) {
        JsonObject toJson() {
            return new JsonObject().put("submissions", submissions).put("submission_cap", submissionCap)
                    .put("rows", rows).put("row_cap", rowCap);
        }
    }

    public SimulatorStats {
        requestsByStatus = Map.copyOf(requestsByStatus);
        EnumMap<Refusal, Long> all = new EnumMap<>(Refusal.class);
        for (Refusal reason : Refusal.values()) {
            all.put(reason, rowsRefused.getOrDefault(reason, 0L));
        }
        rowsRefused = Collections.unmodifiableMap(all);
        webhooks = Map.copyOf(webhooks);
    }

    /** Rows refused for {@code reason}. */
    public long refused(Refusal reason) {
        return rowsRefused.get(reason);
    }

    /** Webhook requests answered with {@code status}. */
    public long requestsWithStatus(int status) {
        return requestsByStatus.getOrDefault(String.valueOf(status), 0L);
    }

    public JsonObject toJson() {
        JsonObject byStatus = new JsonObject();
        new TreeMap<>(requestsByStatus).forEach(byStatus::put);
        JsonObject refused = new JsonObject();
        rowsRefused.forEach((reason, count) -> refused.put(reason.statName(), count));
        JsonObject perWebhook = new JsonObject();
        new TreeMap<>(webhooks).forEach((id, stats) -> perWebhook.put(id, stats.toJson()));
        return new JsonObject()
                .put("requests", new JsonObject().put("total", requests).put("by_status", byStatus))
                .put("rows", new JsonObject().put("received", rowsReceived).put("added", rowsAdded)
                        .put("refused", refused))
                .put("callbacks", new JsonObject().put("sent", callbacksSent).put("failed", callbacksFailed)
                        .put("attempts", callbackAttempts).put("duplicated", callbacksDuplicated)
                        .put("late", callbacksLate))
                .put("webhooks", perWebhook);
    }
}
