package io.clayflow.connect.clay;

import io.clayflow.connect.sink.ClayflowSinkConnector;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
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
     * Connect's checks of the keys it knows, then the tables' own keys ({@code clay.table.<name>.*}, which Connect's
     * definition cannot list): a bad one is reported on {@value ClayWebhookSinkConfig#TABLES}, so the configuration is
     * refused when it is written rather than failing the connector when it starts.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config checked = super.validate(connectorConfigs);
        boolean clean = checked.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (clean) {
            try {
                new ClayWebhookSinkConfig(connectorConfigs);
            } catch (ConfigException e) {
                checked.configValues().stream().filter(value -> value.name().equals(ClayWebhookSinkConfig.TABLES))
                        .forEach(value -> value.addErrorMessage(e.getMessage()));
            }
        }
        return checked;
    }

    /**
     * Connect's offsets of this connector are being reset or altered (REST {@code DELETE}/{@code PATCH
     * /connectors/<name>/offsets}, connector stopped): forget what Clay took of those partitions, so the new offsets
     * are where sending starts, even below rows Clay took before.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(connectorConfig);
        try (KafkaStateTopic state = new KafkaStateTopic(config.quotaTopic(), config.quotaClientProps(),
                config.connectorName())) {
            // Carried over first: a progress entry still only under the old name would otherwise come back later.
            StateTopicUpgrade.load(state, config.quotaTopic(), config.quotaClientProps());
            ClayProgress.forget(state, config.connectorName(), offsets.keySet());
        }
        return true;
    }
}
