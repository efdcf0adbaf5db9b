package io.clayflow.status;

import io.clayflow.schemas.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each of the pipeline's consumer groups is behind: intake's and routing's (their {@code application.id}),
 * and every Kafka Connect sink's ({@code connect-<connector>}), each summed over the partitions it has committed on;
 * and the Clay sender's lag, that of each Connect group on the whole of {@code leads.clay.outbox}.
 *
 * @param byGroup records not yet committed, per group that has committed offsets
 * @param claySender outbox records not yet committed, per Connect group that consumes the outbox
 */
record ConsumerLag(Map<String, Long> byGroup, Map<String, Long> claySender) {

    /** Kafka Connect names a sink connector's consumer group {@code connect-<connector>}. */
    static final String CONNECT_GROUP_PREFIX = "connect-";

    static ConsumerLag read(ClusterCalls calls, Map<String, Map<TopicPartition, Long>> appGroups) {
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>(appGroups);
        List<String> connectGroups = calls.groups(CONNECT_GROUP_PREFIX);
        connectGroups.forEach(group -> committed.put(group, calls.committed(group)));
        committed.values().removeIf(Map::isEmpty);

        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        List<String> outboxReaders = new ArrayList<>();
        for (String group : connectGroups) {
            if (committed.getOrDefault(group, Map.of()).keySet().stream()
                    .anyMatch(partition -> partition.topic().equals(Topics.LEADS_CLAY_OUTBOX))) {
                outboxReaders.add(group);
            }
        }
        List<TopicPartition> outbox = outboxReaders.isEmpty() ? List.of() : calls.partitions(Topics.LEADS_CLAY_OUTBOX);
        partitions.addAll(outbox);
        Map<TopicPartition, Long> end = calls.offsets(partitions, OffsetSpec.latest());

        Map<String, Long> byGroup = new TreeMap<>();
        committed.forEach((group, offsets) -> byGroup.put(group, lag(offsets.keySet(), offsets, end)));
        Map<String, Long> claySender = new TreeMap<>();
        outboxReaders.forEach(group -> claySender.put(group, lag(outbox, committed.get(group), end)));
        return new ConsumerLag(byGroup, claySender);
    }

    /** Over {@code partitions}: the end minus what the group committed (nothing committed: the whole partition). */
    private static long lag(Iterable<TopicPartition> partitions, Map<TopicPartition, Long> committed,
            Map<TopicPartition, Long> end) {
        long lag = 0;
        for (TopicPartition partition : partitions) {
            lag += Math.max(0, end.getOrDefault(partition, 0L) - committed.getOrDefault(partition, 0L));
        }
        return lag;
    }
}
