package io.clayflow.stack;

import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's topics, created on the first start with their partitions and settings and left as they are on
 * later starts. Internal topics (Streams' repartition and changelog topics, Connect's config/offset/status topics)
 * are created by their owners.
 */
public final class TopicsPart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(TopicsPart.class);
    private static final int PARTITIONS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private Admin admin;
    private boolean ready;

    public TopicsPart(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /**
     * The topics and their settings. Three partitions for the flow (room for three intake threads or instances on
     * a laptop, and intake's repartition topics follow {@code leads.raw}); dead letters on one partition, kept 30 days
     * so that they can be looked at and replayed; the Clay ledger's sent rows and resend requests as many as
     * {@code leads.enriched} (the ledger joins them by partition), its summary compacted; the Clay sink's state (webhook quota counts and its progress per
     * outbox partition) compacted so that only the latest value per key is kept, forever.
     */
    static List<NewTopic> topics() {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                Topics.LEADS_ROUTE_CRM, Topics.LEADS_ROUTE_OUTREACH, Topics.LEADS_ROUTE_NURTURE,
                Topics.LEADS_ROUTE_WAREHOUSE, Topics.LEADS_CLAY_SENT, Topics.CLAY_RESEND_REQUESTS,
                Topics.HUBSPOT_CONTACT_CHANGES)) {
            topics.add(new NewTopic(name, Optional.of(PARTITIONS), Optional.empty())
                    .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1")));
        }
        topics.add(new NewTopic(Topics.LEADS_DLQ, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis()))));
        topics.add(new NewTopic(Topics.CLAY_LEDGER_SUMMARY, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        topics.add(new NewTopic(Topics.CLAY_SINK_STATE, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.RETENTION_MS_CONFIG, "-1")));
        // The cost ledger: append-only, kept forever (clayflow cost adds up any range); intake creates it too.
        topics.add(new NewTopic(Topics.COST_EVENTS, Optional.of(PARTITIONS), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
        return topics;
    }

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public void start() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "clayflow-stack-topics"));
        Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics().stream().filter(topic -> !existing.contains(topic.name())).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            LOG.info("Created topics {}", missing.stream().map(NewTopic::name).collect(Collectors.joining(", ")));
        }
        ready = admin.describeTopics(topics().stream().map(NewTopic::name).toList()).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size() == topics().size();
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("topics", topics().stream().map(NewTopic::name).collect(Collectors.joining(", "))));
    }

    @Override
    public void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
        ready = false;
    }

    @Override
    public boolean isStopped() {
        return admin == null;
    }
}
