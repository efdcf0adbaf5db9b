package io.clayflow.connect.sink;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Lets a sink task stop sending for a while without losing or skipping a record: it rewinds each partition to its
 * first record the peer has not taken, caps offset commits there, and pauses consumption until the wait is over, so
 * nothing spins while the peer is down. Rewinding (rather than throwing RetriableException) keeps records the peer
 * already took from being sent again.
 */
public final class SinkPause {

    private final SinkTaskContext context;
    private final Clock clock;
    // Per partition, the first offset the peer has not taken: commits stop there, reads restart there.
    private final Map<TopicPartition, Long> redeliverFrom = new HashMap<>();
    private long resumeAtMs = -1;

    public SinkPause(SinkTaskContext context, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Call first in {@code put}: false while paused (the records are rewound for later), true when sending may go on.
     * The partitions of the records handed over are no longer held back: Connect redelivered from the rewind point.
     */
    public boolean admit(Collection<SinkRecord> records) {
        if (resumeAtMs >= 0 && !resumeIfDue()) {
            redeliverLater(records); // handed over while pausing: not sent, so read again later
            return false;
        }
        for (SinkRecord record : records) {
            redeliverFrom.remove(new TopicPartition(record.topic(), record.kafkaPartition()));
        }
        return true;
    }

    /** Rewinds each partition to its first record not yet taken, so Connect hands those back after the pause. */
    public void redeliverLater(Collection<SinkRecord> notSent) {
        if (notSent.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> firstNotSent = new HashMap<>();
        notSent.forEach(record -> firstNotSent.merge(
                new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset(), Math::min));
        firstNotSent.forEach((partition, offset) -> redeliverFrom.merge(partition, offset, Math::min));
        context.offset(firstNotSent);
    }

    /** Stops consumption (nothing is read, nothing is skipped) until the wait is over; no busy loop meanwhile. */
    public void pauseFor(Duration wait) {
        context.pause(context.assignment().toArray(TopicPartition[]::new));
        resumeAtMs = clock.millis() + wait.toMillis();
        context.timeout(Math.max(1, wait.toMillis()));
    }

    /** Rewinds the records not sent and pauses: the usual reaction to an unavailable peer. */
    public void pauseAndRedeliver(Collection<SinkRecord> notSent, Duration wait) {
        redeliverLater(notSent);
        pauseFor(wait);
    }

    /** Whether Connect hands this record over again after the pause (its partition was rewound to it or before). */
    public boolean redelivers(SinkRecord record) {
        Long from = redeliverFrom.get(new TopicPartition(record.topic(), record.kafkaPartition()));
        return from != null && record.kafkaOffset() >= from;
    }

    public boolean isPaused() {
        return resumeAtMs >= 0;
    }

    /**
     * Offsets commit only up to the first record not taken: Connect would otherwise commit the whole put that
     * returned after a pause. Call from the task's {@code preCommit}.
     */
    public Map<TopicPartition, OffsetAndMetadata> safeOffsets(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>(current);
        redeliverFrom.forEach((partition, offset) -> safe.computeIfPresent(partition,
                (p, offsets) -> offsets.offset() > offset ? new OffsetAndMetadata(offset) : offsets));
        return safe;
    }

    private boolean resumeIfDue() {
        long left = resumeAtMs - clock.millis();
        if (left > 0) {
            context.timeout(left); // Connect calls put() again when the poll returns: wake up when the pause ends
            return false;
        }
        resumeAtMs = -1;
        context.resume(context.assignment().toArray(TopicPartition[]::new));
        return true;
    }
}
