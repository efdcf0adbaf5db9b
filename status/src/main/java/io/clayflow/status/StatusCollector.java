package io.clayflow.status;

import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.status.cost.CostLedger;
import io.clayflow.status.cost.PeriodCosts;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Collects {@link PipelineStatus} from Kafka alone, for {@code clayflow status}, {@code up}'s screen and the status
 * app. Each {@link #collect()} reads only the records that are new since the last ({@link TopicTail} into
 * {@link Tallies}), then asks the admin API for the consumer groups' offsets ({@link ConsumerLag}) and derives the
 * duplicates intake dropped ({@link DuplicatesEstimate}). Not thread-safe: one reading at a time.
 */
public final class StatusCollector implements AutoCloseable {

    /** @deprecated use {@link Topics#DLQ_REPLAYS}; kept for the dlq commands until they move. */
    @Deprecated
    public static final String DEFAULT_REPLAY_LOG_TOPIC = Topics.DLQ_REPLAYS;

    /**
     * Which names to look for: the pipeline's own unless an operator changed them.
     *
     * @param claySinkStateTopics the Clay sink's state topics, all read (its current name and the legacy one)
     */
    public record Options(String intakeApplicationId, String routingApplicationId, String dlqTopic,
            List<String> claySinkStateTopics, String replayLogTopic) {

        public Options {
            Objects.requireNonNull(intakeApplicationId, "intakeApplicationId");
            Objects.requireNonNull(routingApplicationId, "routingApplicationId");
            Objects.requireNonNull(dlqTopic, "dlqTopic");
            claySinkStateTopics = List.copyOf(claySinkStateTopics);
            Objects.requireNonNull(replayLogTopic, "replayLogTopic");
        }

        public static Options defaults() {
            return new Options(StateStores.Intake.APPLICATION_ID, StateStores.Routing.APPLICATION_ID,
                    Topics.LEADS_DLQ, List.of(Topics.CLAY_SINK_STATE, Topics.LEGACY_CLAY_WEBHOOK_QUOTA),
                    Topics.DLQ_REPLAYS);
        }
    }

    private final ClusterSettings cluster;
    private final PipelineTopics topics;
    private final Clock clock;
    private final ClusterCalls calls;
    private TopicTail tail;
    private Tallies tallies;

    public StatusCollector(ClusterSettings cluster, Options options, Clock clock) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.topics = new PipelineTopics(Objects.requireNonNull(options, "options"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.calls = new ClusterCalls(cluster);
    }

    /**
     * Reads the counters now.
     *
     * @throws ClusterException when the cluster does not answer within the timeout or refuses a request
     */
    public PipelineStatus collect() {
        Set<String> existing = calls.topicNames();
        Set<String> wanted = topics.tailed(existing);
        if (tallies == null || !wanted.equals(tallies.tailed())) {
            // New topics appeared: start over, so every counter covers its whole topic.
            restart(wanted);
        }
        tail.catchUp(tallies::add);

        Options options = topics.options();
        Map<String, Map<TopicPartition, Long>> apps = new LinkedHashMap<>();
        apps.put(options.intakeApplicationId(), calls.committed(options.intakeApplicationId()));
        apps.put(options.routingApplicationId(), calls.committed(options.routingApplicationId()));
        ConsumerLag lag = ConsumerLag.read(calls, apps);
        Long duplicates = DuplicatesEstimate.of(calls, topics, existing, apps.get(options.intakeApplicationId()),
                tallies);
        ThrottleFigures throttle = tallies.throttle();
        Instant now = clock.instant();
        return new PipelineStatus(now, tallies.records(Topics.LEADS_RAW), tallies.invalid(), duplicates,
                throttle.waiting(tallies.throttleChangelogTailed()), tallies.records(Topics.LEADS_CLAY_OUTBOX),
                lag.claySender(), lag.byGroup(), tallies.records(Topics.LEADS_ENRICHED), tallies.routed(),
                tallies.unrouted(), tallies.deadLetters().byStage(), tallies.replayed(), tallies.webhookSubmissions(),
                throttle.creditsSpent(), throttle.periodStart(), throttle.dataCreditsSpent(),
                currentPeriodCosts(throttle.periodStart(), now), tallies.claySinkPauses());
    }

    /**
     * The cost ledger from the start of intake's budget period in progress (UTC midnight when intake has not written
     * one yet), per source and per table; older events are forgotten, so a status screen running for weeks stays small.
     */
    private PeriodCosts currentPeriodCosts(Instant periodStart, Instant now) {
        CostLedger ledger = tallies.costs();
        if (ledger == null) {
            return null;
        }
        Instant from = periodStart != null ? periodStart : now.truncatedTo(ChronoUnit.DAYS);
        ledger.forgetBefore(from);
        return PeriodCosts.of(ledger, from);
    }

    private void restart(Set<String> wanted) {
        if (tail != null) {
            tail.close();
        }
        tail = new TopicTail(cluster, new ArrayList<>(wanted));
        tallies = new Tallies(topics, wanted);
    }

    @Override
    public void close() {
        if (tail != null) {
            tail.close();
        }
        calls.close();
    }
}
