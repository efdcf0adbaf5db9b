package io.clayflow.connect.hubspot;

import io.clayflow.connect.PluginVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Upserts the CRM route ({@code leads.route.crm}) into HubSpot contacts by email. HubSpot's rate limit is per portal,
 * so {@code rate.limit.requests} is the whole connector's and is split evenly between its tasks.
 */
public class HubSpotSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new HubSpotSinkConfig(props); // fails the connector, naming the key, on a bad configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HubSpotSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int limit = new HubSpotSinkConfig(props).rateLimitRequests();
        int tasks = Math.max(1, Math.min(maxTasks, limit));
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            // Shares that add up to the connector's limit: the first (limit % tasks) tasks take one more.
            task.put(HubSpotSinkConfig.RATE_LIMIT_REQUESTS, Integer.toString(limit / tasks + (i < limit % tasks ? 1 : 0)));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: each task owns its HTTP client
    }

    @Override
    public ConfigDef config() {
        return HubSpotSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
