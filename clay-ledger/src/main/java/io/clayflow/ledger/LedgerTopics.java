package io.clayflow.ledger;

import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics the ledger joins must be co-partitioned: a lead's sent record, its callbacks and the resend requests
 * must reach the same task. At start the ledger creates the sent and resend topics it misses with as many partitions
 * as {@code leads.enriched}, and the compacted summary topic, and refuses to start when the counts differ.
 */
final class LedgerTopics {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LedgerTopics() {
    }

    static void prepare(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!existing.contains(Topics.LEADS_ENRICHED)) {
                throw new IllegalStateException("The Clay ledger joins " + Topics.LEADS_ENRICHED
                        + ", which does not exist: create the pipeline's topics first");
            }
            int partitions = partitions(admin, Topics.LEADS_ENRICHED);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : List.of(Topics.LEADS_CLAY_SENT, Topics.CLAY_RESEND_REQUESTS)) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(partitions), Optional.empty()));
                }
            }
            if (!existing.contains(Topics.CLAY_LEDGER_SUMMARY)) {
                missing.add(new NewTopic(Topics.CLAY_LEDGER_SUMMARY, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            create(admin, missing);
            for (String topic : List.of(Topics.LEADS_CLAY_SENT, Topics.CLAY_RESEND_REQUESTS)) {
                int count = partitions(admin, topic);
                if (count != partitions) {
                    throw new IllegalStateException(topic + " has " + count + " partitions and "
                            + Topics.LEADS_ENRICHED + " " + partitions + ": the Clay ledger needs them equal, so "
                            + "that a lead's sent record and its callback reach the same task. Add partitions to "
                            + "the smaller (kafka-topics --alter --partitions) while nothing is sent.");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot check the Clay ledger's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking the Clay ledger's topics", e);
        }
    }

    private static void create(Admin admin, List<NewTopic> missing)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created {}", missing.stream().map(NewTopic::name).toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static int partitions(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        return description.partitions().size();
    }
}
