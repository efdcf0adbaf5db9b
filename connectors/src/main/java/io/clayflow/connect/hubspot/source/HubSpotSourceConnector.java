package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.PluginVersion;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * HubSpot contacts created or changed become leads on {@code leads.raw} ({@code source = crm-event}). One task: the
 * change order is one sequence, and HubSpot's search limit is per portal. Exactly-once capable: the offset is the
 * change's (lastmodifieddate, id), written in the same transaction as its lead when the worker runs with
 * {@code exactly.once.source.support=enabled}.
 */
public class HubSpotSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new HubSpotSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HubSpotSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public void stop() {
        // nothing held: the task owns its clients
    }

    @Override
    public ConfigDef config() {
        return HubSpotSourceConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
