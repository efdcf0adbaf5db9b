package io.clayflow.intake;

import io.clayflow.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the cost ledger topic ({@link Topics#COST_EVENTS}) when it is missing, before intake starts: intake writes
 * it in every transaction, and a missing output topic would stall each one for {@code max.block.ms}. Kept forever
 * (the ledger is the account over any range; an entry is about 200 bytes), the broker's default replication. A cluster
 * whose ACLs forbid creating topics gets a warning: create it there as docs/runbook.md says.
 */
final class CostLedgerTopic {

    private static final Logger LOG = LoggerFactory.getLogger(CostLedgerTopic.class);
    static final int PARTITIONS = 3;

    private CostLedgerTopic() {
    }

    /** The topic as clayflow creates it (also {@code ./clayflow up} and docker's create-topics.sh). */
    static NewTopic definition() {
        return new NewTopic(Topics.COST_EVENTS, Optional.of(PARTITIONS), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    static void ensure(IntakeConfig config) {
        Map<String, Object> admin = new StreamsConfig(config.streamsProperties()).getAdminConfigs("clayflow-intake-topics");
        try (Admin client = Admin.create(admin)) {
            if (client.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.COST_EVENTS)) {
                return;
            }
            client.createTopics(List.of(definition())).all().get(30, TimeUnit.SECONDS);
            LOG.info("Created the cost ledger topic {}", Topics.COST_EVENTS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn("Could not create the cost ledger topic {} ({}): create it, or intake's transactions stall",
                        Topics.COST_EVENTS, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            LOG.warn("Could not create the cost ledger topic {} within 30 s: create it, or intake's transactions stall",
                    Topics.COST_EVENTS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
