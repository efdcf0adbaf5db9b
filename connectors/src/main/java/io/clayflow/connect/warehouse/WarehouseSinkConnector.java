package io.clayflow.connect.warehouse;

import io.clayflow.connect.PluginVersion;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Upserts enriched leads ({@code leads.route.warehouse}) by {@code lead_id} into a warehouse table, PostgreSQL or an
 * embedded DuckDB file, the table following the records' Avro schema. PostgreSQL takes {@code tasks.max} tasks; a
 * DuckDB file has one writer, so it gets one task whatever {@code tasks.max} says.
 */
public class WarehouseSinkConnector extends SinkConnector {

    private Map<String, String> props;
    private boolean concurrentWriters;

    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props); // fails naming the key on a bad configuration
        this.concurrentWriters = config.dialect().allowsConcurrentWriters();
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WarehouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(concurrentWriters ? maxTasks : 1, props);
    }

    @Override
    public void stop() {
        // nothing held: each task owns its connection
    }

    @Override
    public ConfigDef config() {
        return WarehouseSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }
}
