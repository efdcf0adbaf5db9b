package io.clayflow.status;

import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects {@link PipelineStatus} from Kafka alone, for {@code clayflow status} and the gateway's status page: it
 * counts committed records on the pipeline's topics (incrementally: each {@link #collect()} reads only what is new
 * since the last), groups dead letters by their headers, reads the intake throttle's state changelog (backlog,
 * credits spent) and the Clay sink's webhook-quota topic, and asks the admin API for consumer-group offsets.
 *
 * <p>Duplicates dropped are derived rather than counted, since intake drops them without a trace on Kafka: every
 * lead intake has read from {@code leads.raw} (its committed offsets) is either invalid (a pre-dedupe dead letter),
 * still on its way to dedupe (the dedupe repartition topic's lag), accepted (one record per accepted person on the
 * dedupe store's changelog), dead-lettered at dedupe, or dropped as a duplicate. The figure is exact when intake is
 * caught up and may trail by in-flight records while it is busy; it assumes {@code leads.raw} is written without
 * transactions (offsets = records), as every clayflow producer does, and counts within the dedupe TTL.
 */
public final class StatusCollector implements AutoCloseable {

    /** Where {@code clayflow dlq replay} records what it replayed. */
    public static final String DEFAULT_REPLAY_LOG_TOPIC = "clayflow.dlq-replays";
    /** Where the Clay sink keeps each webhook's lifetime submissions. */
    public static final String DEFAULT_WEBHOOK_QUOTA_TOPIC = "clayflow.clay-webhook-quota";
    /** The intake app's default {@code application.id}. */
    public static final String DEFAULT_INTAKE_APPLICATION_ID = "clayflow-intake";

    /** Which names to look for. */
    public record Options(String intakeApplicationId, String dlqTopic, String webhookQuotaTopic,
            String replayLogTopic) {

        public Options {
            Objects.requireNonNull(intakeApplicationId, "intakeApplicationId");
            Objects.requireNonNull(dlqTopic, "dlqTopic");
            Objects.requireNonNull(webhookQuotaTopic, "webhookQuotaTopic");
            Objects.requireNonNull(replayLogTopic, "replayLogTopic");
        }

        public static Options defaults() {
            return new Options(DEFAULT_INTAKE_APPLICATION_ID, Topics.LEADS_DLQ, DEFAULT_WEBHOOK_QUOTA_TOPIC,
                    DEFAULT_REPLAY_LOG_TOPIC);
        }
    }

    private static final String ROUTE_PREFIX = "leads.route.";
    private static final String THROTTLE_NEXT_SEQ = "backlog.next.seq";
    private static final String THROTTLE_HEAD_SEQ = "backlog.head.seq";
    private static final String BUDGET_SPENT = "budget.spent";
    private static final String BUDGET_PERIOD_START = "budget.period.start.ms";

    private final ClusterSettings cluster;
    private final Options options;
    private final Clock clock;
    private final Admin admin;

    private Set<String> tailedTopics = Set.of();
    private TopicTail tail;
    private Map<String, Long> counts = new HashMap<>();
    private Map<String, Map<String, Long>> deadLetters = new TreeMap<>();
    private Map<String, Long> throttleState = new HashMap<>();
    private Map<String, Long> webhookSubmissions = new TreeMap<>();
    private Set<String> replays = new TreeSet<>();
    /** Set when the cluster did not answer: closing then need not wait for calls that will never complete. */
    private boolean unanswered;

    public StatusCollector(ClusterSettings cluster, Options options, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admin = Admin.create(cluster.adminProperties());
    }

    private String dedupeRepartition() {
        return options.intakeApplicationId() + "-" + IntakeTopology.DEDUPE_REPARTITION + "-repartition";
    }

    private String dedupeChangelog() {
        return options.intakeApplicationId() + "-" + IntakeTopology.DEDUPE_STORE + "-changelog";
    }

    private String throttleChangelog() {
        return options.intakeApplicationId() + "-" + IntakeTopology.THROTTLE_STATE_STORE + "-changelog";
    }

    /**
     * Reads the counters now.
     *
     * @throws ClusterException when the cluster does not answer within the timeout or refuses a request
     */
    public PipelineStatus collect() {
        Set<String> existing = existingTopics();
        Set<String> wanted = new TreeSet<>();
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                options.dlqTopic(), options.webhookQuotaTopic(), options.replayLogTopic(), dedupeChangelog(),
                throttleChangelog())) {
            if (existing.contains(topic)) {
                wanted.add(topic);
            }
        }
        existing.stream().filter(topic -> topic.startsWith(ROUTE_PREFIX)).forEach(wanted::add);
        if (!wanted.equals(tailedTopics)) {
            // New topics appeared: start over, so every counter covers its whole topic.
            restart(wanted);
        }
        tail.catchUp(this::count);

        Map<TopicPartition, Long> intakeOffsets = groupOffsets(options.intakeApplicationId());
        Map<String, Long> claySenderLag = claySenderLag();
        Long duplicates = duplicatesDropped(existing, intakeOffsets);

        Map<String, Long> routed = new TreeMap<>();
        wanted.stream().filter(topic -> topic.startsWith(ROUTE_PREFIX))
                .forEach(topic -> routed.put(topic.substring(ROUTE_PREFIX.length()), counted(topic)));
        Long next = throttleState.get(THROTTLE_NEXT_SEQ);
        Long head = throttleState.get(THROTTLE_HEAD_SEQ);
        Long waiting = null;
        if (next != null) {
            waiting = next - (head == null ? 0 : head);
        } else if (wanted.contains(throttleChangelog())) {
            waiting = 0L;
        }
        Long periodStart = throttleState.get(BUDGET_PERIOD_START);
        return new PipelineStatus(clock.instant(), counted(Topics.LEADS_RAW), invalid(), duplicates, waiting,
                counted(Topics.LEADS_CLAY_OUTBOX), claySenderLag, counted(Topics.LEADS_ENRICHED), routed,
                copy(deadLetters), wanted.contains(options.replayLogTopic()) ? (long) replays.size() : null,
                Map.copyOf(webhookSubmissions), throttleState.get(BUDGET_SPENT),
                periodStart == null ? null : Instant.ofEpochMilli(periodStart));
    }

    private void restart(Set<String> topics) {
        if (tail != null) {
            tail.close();
        }
        counts = new HashMap<>();
        deadLetters = new TreeMap<>();
        throttleState = new HashMap<>();
        webhookSubmissions = new TreeMap<>();
        replays = new TreeSet<>();
        tail = new TopicTail(cluster, new ArrayList<>(topics));
        tailedTopics = Set.copyOf(topics);
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        counts.merge(topic, 1L, Long::sum);
        if (topic.equals(options.dlqTopic())) {
            DeadLetterInfo info = DeadLetterInfo.parse(record.headers());
            deadLetters.computeIfAbsent(info.stage(), stage -> new TreeMap<>()).merge(info.reason(), 1L, Long::sum);
        } else if (topic.equals(throttleChangelog()) && record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null || record.value().length != Long.BYTES) {
                throttleState.remove(key);
            } else {
                throttleState.put(key, ByteBuffer.wrap(record.value()).getLong());
            }
        } else if (topic.equals(options.webhookQuotaTopic()) && record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                webhookSubmissions.remove(key);
            } else {
                try {
                    webhookSubmissions.put(key, Long.parseLong(new String(record.value(), StandardCharsets.UTF_8)));
                } catch (NumberFormatException e) {
                    // Not a webhook's count (the sink also keeps its per-partition progress here): not summed.
                }
            }
        } else if (topic.equals(options.replayLogTopic()) && record.key() != null) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                replays.remove(key);
            } else {
                replays.add(key);
            }
        }
    }

    private Long counted(String topic) {
        return tailedTopics.contains(topic) ? counts.getOrDefault(topic, 0L) : null;
    }

    private Long invalid() {
        if (!tailedTopics.contains(options.dlqTopic())) {
            return null;
        }
        return deadLetters.entrySet().stream().filter(entry -> beforeDedupe(entry.getKey()))
                .flatMap(entry -> entry.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }

    static boolean beforeDedupe(String stage) {
        return stage.startsWith("intake.") && !stage.equals(IntakeTopology.STAGE_DEDUPE)
                && !stage.equals(IntakeTopology.STAGE_THROTTLE);
    }

    private Long duplicatesDropped(Set<String> existing, Map<TopicPartition, Long> intakeOffsets) {
        if (!existing.contains(dedupeChangelog()) || !existing.contains(Topics.LEADS_RAW) || intakeOffsets.isEmpty()) {
            return null;
        }
        Map<TopicPartition, Long> rawStart = offsets(Topics.LEADS_RAW, OffsetSpec.earliest());
        long processed = 0;
        for (Map.Entry<TopicPartition, Long> start : rawStart.entrySet()) {
            Long committed = intakeOffsets.get(start.getKey());
            if (committed != null) {
                processed += Math.max(0, committed - start.getValue());
            }
        }
        long inFlight = 0;
        if (existing.contains(dedupeRepartition())) {
            for (Map.Entry<TopicPartition, Long> end : offsets(dedupeRepartition(), OffsetSpec.latest()).entrySet()) {
                Long committed = intakeOffsets.get(end.getKey());
                if (committed != null) {
                    inFlight += Math.max(0, end.getValue() - committed);
                }
            }
        }
        long dedupeFailed = deadLetters.getOrDefault(IntakeTopology.STAGE_DEDUPE, Map.of()).values().stream()
                .mapToLong(Long::longValue).sum();
        long invalid = invalid() == null ? 0 : invalid();
        long accepted = counts.getOrDefault(dedupeChangelog(), 0L);
        return Math.max(0, processed - invalid - inFlight - accepted - dedupeFailed);
    }

    /** Lag on {@code leads.clay.outbox} of every Connect sink group that consumes it (normally one: the Clay sink). */
    private Map<String, Long> claySenderLag() {
        List<String> connectGroups = await(admin.listConsumerGroups().all()).stream()
                .map(ConsumerGroupListing::groupId).filter(group -> group.startsWith("connect-")).sorted().toList();
        Map<String, Long> lag = new TreeMap<>();
        if (connectGroups.isEmpty()) {
            return lag;
        }
        Map<TopicPartition, Long> end = null;
        for (String group : connectGroups) {
            Map<TopicPartition, Long> committed = groupOffsets(group).entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(Topics.LEADS_CLAY_OUTBOX))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (committed.isEmpty()) {
                continue;
            }
            if (end == null) {
                end = offsets(Topics.LEADS_CLAY_OUTBOX, OffsetSpec.latest());
            }
            long groupLag = 0;
            for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
                groupLag += Math.max(0, entry.getValue() - committed.getOrDefault(entry.getKey(), 0L));
            }
            lag.put(group, groupLag);
        }
        return lag;
    }

    private Map<TopicPartition, Long> groupOffsets(String group) {
        Map<TopicPartition, OffsetAndMetadata> offsets = await(admin.listConsumerGroupOffsets(
                Map.of(group, new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group));
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                result.put(partition, offset.offset());
            }
        });
        return result;
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tail.partitions().stream().filter(partition -> partition.topic().equals(topic))
                .forEach(partition -> request.put(partition, spec));
        if (request.isEmpty()) {
            // A topic we do not tail (the repartition topic): ask for its partitions.
            int partitions = await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), spec);
            }
        }
        Map<TopicPartition, Long> result = new HashMap<>();
        await(admin.listOffsets(request).all()).forEach((partition, info) -> result.put(partition, info.offset()));
        return result;
    }

    private Set<String> existingTopics() {
        try {
            return admin.listTopics().names().get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            unanswered = true;
            throw new ClusterException(true, "cannot reach the Kafka cluster at "
                    + cluster.bootstrapServers() + " within " + cluster.timeout().toSeconds() + " s ("
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer") + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(false, "interrupted", e);
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClusterException(true, "the Kafka cluster at " + cluster.bootstrapServers()
                    + " did not answer within " + cluster.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new ClusterException(false, "the Kafka cluster refused a request: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(false, "interrupted", e);
        }
    }

    private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> nested) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        nested.forEach((key, inner) -> copy.put(key, java.util.Collections.unmodifiableMap(new TreeMap<>(inner))));
        return copy;
    }

    @Override
    public void close() {
        if (tail != null) {
            tail.close();
        }
        admin.close(unanswered ? java.time.Duration.ZERO : java.time.Duration.ofSeconds(5));
    }
}
