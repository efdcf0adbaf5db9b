package io.clayflow.status.page;

import io.clayflow.status.PipelineStatus;
import io.clayflow.status.cost.CostReportFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /status.json}: a snapshot as the page draws it. The funnel's stages in order ({@link StatusFunnel}),
 * routed per route, dead letters by stage and reason, Clay's send rate and lag, the credit budget and the webhook
 * quota. A figure that cannot be known yet is null.
 */
public final class StatusJson {

    private final StatusLimits limits;

    public StatusJson(StatusLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public JsonObject render(StatusSnapshot snapshot) {
        JsonObject json = new JsonObject()
                .put("attempted_at", snapshot.attemptedAt() == null ? null : snapshot.attemptedAt().toString())
                .put("error", snapshot.error());
        PipelineStatus status = snapshot.status();
        if (status == null) {
            return json.put("collected_at", null);
        }
        JsonArray funnel = new JsonArray();
        StatusFunnel.stages(status).forEach((key, count) -> funnel.add(new JsonObject().put("key", key)
                .put("label", StatusFunnel.LABELS.get(key)).put("count", count)));
        JsonObject deadLetters = new JsonObject();
        status.deadLetters().forEach((stage, reasons) -> deadLetters.put(stage, object(reasons)));
        return json.put("collected_at", status.collectedAt().toString())
                .put("funnel", funnel)
                .put("routed", object(status.routed()))
                .put("unrouted", status.unrouted())
                .put("dead_letters", deadLetters)
                .put("dead_letter_total", status.deadLetterTotal())
                .put("invalid", status.invalid())
                .put("duplicates_dropped", status.duplicatesDropped())
                .put("waiting_in_throttle", status.waitingInThrottle())
                .put("replayed", status.replayed())
                .put("clay", new JsonObject()
                        .put("send_rate_per_second", snapshot.claySendRate())
                        .put("sender_lag", status.claySenderLag().isEmpty() ? null
                                : StatusFunnel.claySenderLag(status)))
                .put("budget", new JsonObject()
                        .put("credits_per_period", limits.creditsPerPeriod())
                        .put("credits_spent", status.creditsSpent())
                        .put("credits_left", StatusFunnel.creditsLeft(status, limits.creditsPerPeriod()))
                        .put("data_credits_spent", status.dataCreditsSpent())
                        .put("period_start", status.budgetPeriodStart() == null ? null
                                : status.budgetPeriodStart().toString()))
                .put("cost", status.cost() == null ? null : new JsonObject()
                        .put("by_source", new JsonObject(CostReportFields.of(status.cost().bySource())))
                        .put("by_table", new JsonObject(CostReportFields.of(status.cost().byTable()))))
                .put("webhook_quota", new JsonObject()
                        .put("limit", limits.webhookSubmissionLimit())
                        // The busiest webhook: the one that will stop taking rows first.
                        .put("used", status.webhookSubmissions().values().stream().mapToLong(Long::longValue).max()
                                .orElse(0))
                        .put("webhooks", object(status.webhookSubmissions())));
    }

    private static JsonObject object(Map<String, Long> values) {
        JsonObject object = new JsonObject();
        values.forEach(object::put);
        return object;
    }
}
