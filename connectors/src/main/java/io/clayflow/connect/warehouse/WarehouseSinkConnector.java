package io.clayflow.connect.warehouse;

import io.clayflow.connect.sink.ClayflowSinkConnector;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Upserts enriched leads ({@code leads.route.warehouse}) by {@code lead_id} into a warehouse table, PostgreSQL or an
 * embedded DuckDB file, the table following the records' Avro schema. PostgreSQL takes {@code tasks.max} tasks; a
 * DuckDB file has one writer, so it gets one task whatever {@code tasks.max} says.
 */
public class WarehouseSinkConnector extends ClayflowSinkConnector {

    public WarehouseSinkConnector() {
        super(WarehouseSinkTask.class, WarehouseSinkConfig.CONFIG_DEF, WarehouseSinkConfig::new);
    }

    @Override
    protected List<Map<String, String>> splitIntoTasks(Map<String, String> props, int maxTasks) {
        boolean concurrentWriters = new WarehouseSinkConfig(props).dialect().allowsConcurrentWriters();
        return Collections.nCopies(concurrentWriters ? maxTasks : 1, props);
    }
}
