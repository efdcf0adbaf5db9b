package io.clayflow.status;

import io.clayflow.schemas.Topics;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Duplicates intake's dedupe dropped, derived rather than counted, since intake drops them without a trace on Kafka:
 * every lead intake has read from {@code leads.raw} (its committed offsets) is either invalid (a pre-dedupe dead
 * letter), still on its way to dedupe (the dedupe repartition topic's lag), accepted (one record per accepted person
 * on the dedupe store's changelog), dead-lettered at dedupe, or dropped as a duplicate. Exact when intake is caught
 * up, it may trail by in-flight records while intake is busy; it assumes {@code leads.raw} is written without
 * transactions (offsets = records), as every clayflow producer does, and counts within the dedupe TTL.
 */
final class DuplicatesEstimate {

    private DuplicatesEstimate() {
    }

    /** The estimate, or null while intake has not started (no changelog, no committed offsets). */
    static Long of(ClusterCalls calls, PipelineTopics topics, Set<String> existing,
            Map<TopicPartition, Long> intakeCommitted, Tallies tallies) {
        if (!existing.contains(topics.dedupeChangelog()) || !existing.contains(Topics.LEADS_RAW)
                || intakeCommitted.isEmpty()) {
            return null;
        }
        long processed = behind(calls.offsets(calls.partitions(Topics.LEADS_RAW), OffsetSpec.earliest()),
                intakeCommitted, true);
        long inFlight = existing.contains(topics.dedupeRepartition())
                ? behind(calls.offsets(calls.partitions(topics.dedupeRepartition()), OffsetSpec.latest()),
                        intakeCommitted, false)
                : 0;
        long invalid = tallies.invalid() == null ? 0 : tallies.invalid();
        long accepted = tallies.records(topics.dedupeChangelog());
        long dedupeFailed = tallies.deadLetters().atDedupe();
        return Math.max(0, processed - invalid - inFlight - accepted - dedupeFailed);
    }

    /**
     * Summed over the partitions the group committed on: how far its offsets are past {@code marks} (the log start,
     * {@code committedAhead}) or behind them (the end).
     */
    private static long behind(Map<TopicPartition, Long> marks, Map<TopicPartition, Long> committed,
            boolean committedAhead) {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> mark : marks.entrySet()) {
            Long offset = committed.get(mark.getKey());
            if (offset != null) {
                sum += Math.max(0, committedAhead ? offset - mark.getValue() : mark.getValue() - offset);
            }
        }
        return sum;
    }
}
