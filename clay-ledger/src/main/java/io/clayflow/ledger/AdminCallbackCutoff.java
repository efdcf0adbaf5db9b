package io.clayflow.ledger;

import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cutoff from the cluster: the ledger's committed offset on the task's {@code leads.enriched} partition against
 * that partition's last committed record. Caught up (nothing written before the question is unread): the question's
 * time. Behind: the latest callback timestamp the task processed, less a second for producers' clocks and batching.
 * When the cluster does not answer in time, the task's watermark too (never a guess ahead of what was read). Each
 * call blocks the stream thread for at most {@link #TIMEOUT}.
 */
final class AdminCallbackCutoff implements CallbackCutoff {

    private static final Logger LOG = LoggerFactory.getLogger(AdminCallbackCutoff.class);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final long SKEW_MS = 1_000;

    private final Admin admin;
    private final String groupId;

    AdminCallbackCutoff(Admin admin, String groupId) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public long cutoff(int partition, long watermark, long now) {
        long behind = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - SKEW_MS;
        TopicPartition callbacks = new TopicPartition(Topics.LEADS_ENRICHED, partition);
        try {
            long end = admin.listOffsets(Map.of(callbacks, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(callbacks).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(callbacks);
            long position = committed == null ? 0 : committed.offset();
            return position >= end ? now : behind;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Cannot tell whether every callback of {} is read ({}); rows are judged up to the last "
                    + "callback read", callbacks, e.getMessage());
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return behind;
        }
    }
}
