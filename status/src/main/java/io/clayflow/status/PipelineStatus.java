package io.clayflow.status;

import io.clayflow.status.cost.PeriodCosts;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline's counters at one moment, as read from Kafka. A null counter is one that could not be known (its
 * topic or consumer group does not exist yet).
 *
 * @param raw records on {@code leads.raw}
 * @param invalid dead letters of intake's stages before dedupe (decode, validate, normalize)
 * @param duplicatesDropped copies intake's dedupe dropped (see {@link DuplicatesEstimate} for how it is derived)
 * @param waitingInThrottle leads accepted by dedupe and waiting in the throttle's backlog
 * @param released records on {@code leads.clay.outbox}
 * @param claySenderLag outbox records the Clay sink has not yet committed, by its consumer group
 * @param consumerLag records each of the pipeline's consumer groups has not yet committed: intake's and routing's
 *     (their {@code application.id}, internal topics included) and each Connect sink's ({@code connect-<name>})
 * @param enriched records on {@code leads.enriched}
 * @param routed records per {@code leads.route.*} topic
 * @param unrouted records on {@code leads.route.warehouse} whose {@link io.clayflow.schemas.RouteHeaders#ROUTES}
 *     header says they reached no other route (leads no sales or nurture rule took); null without that topic
 * @param deadLetters dead letters per stage, then per reason
 * @param replayed dead letters replayed (entries in the replay log)
 * @param webhookSubmissions lifetime submissions per Clay webhook (keyed by a hash of its URL)
 * @param creditsSpent Clay Actions intake spent in the current budget period (the one meter's figure before Data
 *     Credits had theirs)
 * @param budgetPeriodStart when the current budget period began
 * @param dataCreditsSpent Clay Data Credits intake spent in the current budget period
 * @param cost the cost ledger of the current period per source (from the period's start), or null when the ledger
 *     topic does not exist yet
 * @param claySinkPaused per Clay sink connector that is not sending, why (every table full, the workspace out of
 *     credits), as the sink recorded it in its state topic; empty while every one sends
 */
public record PipelineStatus(Instant collectedAt, Long raw, Long invalid, Long duplicatesDropped,
        Long waitingInThrottle, Long released, Map<String, Long> claySenderLag, Map<String, Long> consumerLag,
        Long enriched, Map<String, Long> routed, Long unrouted, Map<String, Map<String, Long>> deadLetters,
        Long replayed, Map<String, Long> webhookSubmissions, Long creditsSpent, Instant budgetPeriodStart,
        Long dataCreditsSpent, PeriodCosts cost, Map<String, String> claySinkPaused) {

    public PipelineStatus {
        claySenderLag = sorted(claySenderLag);
        consumerLag = sorted(consumerLag);
        routed = sorted(routed);
        webhookSubmissions = sorted(webhookSubmissions);
        claySinkPaused = sorted(claySinkPaused);
    }

    /** An unmodifiable copy in key order, so every rendering lists the same things in the same order. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** All dead letters. */
    public long deadLetterTotal() {
        return deadLetters.values().stream().flatMap(reasons -> reasons.values().stream())
                .mapToLong(Long::longValue).sum();
    }
}
