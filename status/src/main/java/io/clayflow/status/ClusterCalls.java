package io.clayflow.status;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The admin calls a status reading makes, each bounded by the cluster's timeout and failing as a
 * {@link ClusterException} that says whether the cluster did not answer or refused.
 */
final class ClusterCalls implements AutoCloseable {

    private final ClusterSettings cluster;
    private final Admin admin;
    /** Set when the cluster did not answer: closing then need not wait for calls that will never complete. */
    private boolean unanswered;

    ClusterCalls(ClusterSettings cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.admin = Admin.create(cluster.adminProperties());
    }

    /** The cluster's topics: a reading's first call, so the one whose silence means the cluster is unreachable. */
    Set<String> topicNames() {
        try {
            return admin.listTopics().names().get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            unanswered = true;
            throw new ClusterException(true, "cannot reach the Kafka cluster at " + cluster.bootstrapServers()
                    + " within " + cluster.timeout().toSeconds() + " s ("
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer") + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(false, "interrupted", e);
        }
    }

    /** The consumer groups whose id starts with {@code prefix}, sorted. */
    List<String> groups(String prefix) {
        return await(admin.listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId)
                .filter(group -> group.startsWith(prefix)).sorted().toList();
    }

    /** The offsets {@code group} has committed, by partition; empty for a group that never committed. */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, Long> result = new HashMap<>();
        await(admin.listConsumerGroupOffsets(Map.of(group, new ListConsumerGroupOffsetsSpec()))
                .partitionsToOffsetAndMetadata(group)).forEach((partition, offset) -> {
                    if (offset != null) {
                        result.put(partition, offset.offset());
                    }
                });
        return result;
    }

    /** The partitions of a topic that exists. */
    List<TopicPartition> partitions(String topic) {
        return await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** The earliest or latest offset of each partition. */
    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        if (!request.isEmpty()) {
            await(admin.listOffsets(request).all()).forEach((partition, info) -> result.put(partition, info.offset()));
        }
        return result;
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ClusterException.unanswered(cluster, e);
        } catch (ExecutionException e) {
            throw new ClusterException(false, "the Kafka cluster refused a request: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(false, "interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(unanswered ? Duration.ZERO : Duration.ofSeconds(5));
    }
}
