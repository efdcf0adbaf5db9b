package io.clayflow.connect.outreach;

import io.clayflow.connect.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Puts routed leads ({@code leads.route.outreach}) into an Outreach sequence. Runs one task whatever
 * {@code tasks.max} says: Outreach's limit is per user and hour, and one task is what counts it in one place.
 */
public class OutreachSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new OutreachSinkConfig(props); // fails the connector, naming the key, on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return OutreachSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        // nothing held: the task owns the HTTP client
    }

    @Override
    public ConfigDef config() {
        return OutreachSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
