package io.clayflow.status;

import java.time.Instant;
import java.util.Map;

/**
 * The pipeline's counters at one moment, as read from Kafka. A null counter is one that could not be known (its
 * topic or consumer group does not exist yet).
 *
 * @param raw records on {@code leads.raw}
 * @param invalid dead letters of intake's stages before dedupe (decode, validate, normalize)
 * @param duplicatesDropped copies intake's dedupe dropped (see {@link StatusCollector} for how it is derived)
 * @param waitingInThrottle leads accepted by dedupe and waiting in the throttle's backlog
 * @param released records on {@code leads.clay.outbox}
 * @param claySenderLag outbox records the Clay sink has not yet committed, by its consumer group
 * @param enriched records on {@code leads.enriched}
 * @param routed records per {@code leads.route.*} topic
 * @param deadLetters dead letters per stage, then per reason
 * @param replayed dead letters replayed (entries in the replay log)
 * @param webhookSubmissions lifetime submissions per Clay webhook (keyed by a hash of its URL)
 * @param creditsSpent credits intake spent in the current budget period
 * @param budgetPeriodStart when the current budget period began
 */
public record PipelineStatus(Instant collectedAt, Long raw, Long invalid, Long duplicatesDropped,
        Long waitingInThrottle, Long released, Map<String, Long> claySenderLag, Long enriched,
        Map<String, Long> routed, Map<String, Map<String, Long>> deadLetters, Long replayed,
        Map<String, Long> webhookSubmissions, Long creditsSpent, Instant budgetPeriodStart) {

    /** All dead letters. */
    public long deadLetterTotal() {
        return deadLetters.values().stream().flatMap(reasons -> reasons.values().stream())
                .mapToLong(Long::longValue).sum();
    }
}
