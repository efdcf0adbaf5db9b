package io.clayflow.gateway.status;

import io.clayflow.status.PipelineStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * {@code GET /status.json}: a snapshot as the page draws it. The funnel's stages in order (raw, valid, unique,
 * released, sent to Clay, enriched), routed per route, dead letters by stage and reason, Clay's send rate and
 * lag, the credit budget and the webhook quota. A figure that cannot be known yet is null.
 */
public final class StatusJson {

    private final long webhookSubmissionLimit;
    private final long creditsPerPeriod;

    public StatusJson(StatusPageConfig config) {
        Objects.requireNonNull(config, "config");
        this.webhookSubmissionLimit = config.webhookSubmissionLimit();
        this.creditsPerPeriod = config.creditsPerPeriod();
    }

    public JsonObject render(StatusSnapshot snapshot) {
        JsonObject json = new JsonObject()
                .put("attempted_at", snapshot.attemptedAt() == null ? null : snapshot.attemptedAt().toString())
                .put("error", snapshot.error());
        PipelineStatus status = snapshot.status();
        if (status == null) {
            return json.put("collected_at", null);
        }
        Long sent = StatusSnapshot.sentToClay(status);
        JsonArray funnel = new JsonArray()
                .add(stage("raw", "Raw", status.raw()))
                .add(stage("valid", "Valid", StatusFunnel.valid(status)))
                .add(stage("unique", "Unique", StatusFunnel.unique(status)))
                .add(stage("released", "Released to Clay", status.released()))
                .add(stage("sent_to_clay", "Sent to Clay", sent))
                .add(stage("enriched", "Enriched", status.enriched()));
        JsonObject routed = new JsonObject();
        status.routed().forEach(routed::put);
        JsonObject deadLetters = new JsonObject();
        status.deadLetters().forEach((stage, reasons) -> {
            JsonObject byReason = new JsonObject();
            reasons.forEach(byReason::put);
            deadLetters.put(stage, byReason);
        });
        long claySenderLag = status.claySenderLag().values().stream().mapToLong(Long::longValue).max().orElse(0);
        long quotaUsed = status.webhookSubmissions().values().stream().mapToLong(Long::longValue).max().orElse(0);
        JsonObject webhooks = new JsonObject();
        status.webhookSubmissions().forEach(webhooks::put);
        return json.put("collected_at", status.collectedAt().toString())
                .put("funnel", funnel)
                .put("routed", routed)
                .put("dead_letters", deadLetters)
                .put("dead_letter_total", status.deadLetterTotal())
                .put("invalid", status.invalid())
                .put("duplicates_dropped", status.duplicatesDropped())
                .put("waiting_in_throttle", status.waitingInThrottle())
                .put("replayed", status.replayed())
                .put("clay", new JsonObject()
                        .put("send_rate_per_second", snapshot.claySendRate())
                        .put("sender_lag", status.claySenderLag().isEmpty() ? null : claySenderLag))
                .put("budget", new JsonObject()
                        .put("credits_per_period", creditsPerPeriod)
                        .put("credits_spent", status.creditsSpent())
                        .put("credits_left", status.creditsSpent() == null ? null
                                : Math.max(0, creditsPerPeriod - status.creditsSpent()))
                        .put("period_start", status.budgetPeriodStart() == null ? null
                                : status.budgetPeriodStart().toString()))
                .put("webhook_quota", new JsonObject()
                        .put("limit", webhookSubmissionLimit)
                        // The busiest webhook: the one that will stop taking rows first.
                        .put("used", quotaUsed)
                        .put("webhooks", webhooks));
    }

    private static JsonObject stage(String key, String label, Long count) {
        return new JsonObject().put("key", key).put("label", label).put("count", count);
    }
}
