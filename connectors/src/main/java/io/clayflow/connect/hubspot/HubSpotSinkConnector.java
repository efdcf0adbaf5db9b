package io.clayflow.connect.hubspot;

import io.clayflow.connect.sink.ClayflowSinkConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upserts the CRM route ({@code leads.route.crm}) into HubSpot contacts by email. HubSpot's rate limit is per portal,
 * so {@code rate.limit.requests} is the whole connector's and is split evenly between its tasks.
 */
public class HubSpotSinkConnector extends ClayflowSinkConnector {

    public HubSpotSinkConnector() {
        super(HubSpotSinkTask.class, HubSpotSinkConfig.CONFIG_DEF, HubSpotSinkConfig::new);
    }

    @Override
    protected List<Map<String, String>> splitIntoTasks(Map<String, String> props, int maxTasks) {
        int limit = new HubSpotSinkConfig(props).getInt(HubSpotSinkConfig.RATE_LIMIT_REQUESTS);
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
}
