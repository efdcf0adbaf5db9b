package io.clayflow.connect.clay;

import io.clayflow.connect.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Posts the Clay outbox ({@code leads.clay.outbox}) to Clay table webhooks. Runs one task whatever
 * {@code tasks.max} says: Clay's rate limit is per workspace and the webhook quota is counted in one place, so a
 * second task would add nothing but a way to overspend both.
 */
public class ClayWebhookSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new ClayWebhookSinkConfig(props); // fails the connector, naming the key, on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ClayWebhookSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // nothing held: the task owns the HTTP client and the quota store
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
            ClayProgress.forget(state, config.connectorName(), offsets.keySet());
        }
        return true;
    }

    @Override
    public ConfigDef config() {
        return ClayWebhookSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
