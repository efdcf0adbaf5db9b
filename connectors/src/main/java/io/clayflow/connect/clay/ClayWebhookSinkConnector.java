package io.clayflow.connect.clay;

import io.clayflow.connect.sink.ClayflowSinkConnector;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Posts the Clay outbox ({@code leads.clay.outbox}) to Clay table webhooks. Runs one task whatever
 * {@code tasks.max} says: Clay's rate limit is per workspace and the webhook quota is counted in one place, so a
 * second task would add nothing but a way to overspend both.
 */
public class ClayWebhookSinkConnector extends ClayflowSinkConnector {

    public ClayWebhookSinkConnector() {
        super(ClayWebhookSinkTask.class, ClayWebhookSinkConfig.CONFIG_DEF, ClayWebhookSinkConfig::new);
    }

    /**
     * Connect's offsets of this connector are being reset or altered (REST {@code DELETE}/{@code PATCH
     * /connectors/<name>/offsets}, connector stopped): forget what Clay took of those partitions, so the new offsets
     * are where sending starts, even below rows Clay took before.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(connectorConfig);
        try (KafkaStateTopic state = new KafkaStateTopic(config.quotaTopic(), config.quotaClientProps())) {
            // Carried over first: a progress entry still only under the old name would otherwise come back later.
            StateTopicUpgrade.load(state, config.quotaTopic(), config.quotaClientProps());
            ClayProgress.forget(state, config.connectorName(), offsets.keySet());
        }
        return true;
    }
}
