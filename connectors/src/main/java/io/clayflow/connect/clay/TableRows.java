package io.clayflow.connect.clay;

import io.clayflow.schemas.ClaySinkState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows each Clay table took, counted as Clay answers 2xx and stored before anything else is sent (in the sink's state
 * topic, so a restart keeps them). A table's count starts, the first time it is seen, at the submissions its webhooks
 * already used: the rows an earlier sink sent them (the single-URL configuration before tables) are in that table.
 * Counts only grow: rows Clay's auto-dedupe drops or a passthrough table deletes are still counted, so the count is
 * never below what the table holds.
 */
final class TableRows {

    private static final Logger LOG = LoggerFactory.getLogger(TableRows.class);

    private final String connector;
    private final SinkStateStore store;
    private final Map<String, Long> rows = new HashMap<>();

    /**
     * @param stored the store's entries at start
     * @param quota  the webhooks' submissions, where a table first seen starts counting from
     */
    TableRows(String connector, List<ClayTableConfig> tables, SinkStateStore store, Map<String, String> stored,
            WebhookQuota quota) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.store = Objects.requireNonNull(store, "store");
        Map<String, String> firstSeen = new HashMap<>();
        for (ClayTableConfig table : tables) {
            String value = stored.get(ClaySinkState.tableRowsKey(connector, table.name()));
            long count;
            if (value != null) {
                count = Long.parseLong(value);
            } else {
                count = table.webhooks().stream().mapToLong(quota::used).sum();
                firstSeen.put(ClaySinkState.tableRowsKey(connector, table.name()), Long.toString(count));
                if (count > 0) {
                    LOG.info("Clay table {} starts counting at {} rows: what its webhooks took before", table.name(),
                            count);
                }
            }
            rows.put(table.name(), count);
        }
        if (!firstSeen.isEmpty()) {
            store.save(firstSeen);
        }
    }

    long rows(ClayTableConfig table) {
        return rows.getOrDefault(table.name(), 0L);
    }

    /** Rows the table can still take: its cap less its rows; unbounded for a passthrough table. */
    long room(ClayTableConfig table) {
        return table.rowCap().isPresent() ? Math.max(0, table.rowCap().getAsLong() - rows(table)) : Long.MAX_VALUE;
    }

    /** Counts rows Clay took into the table, durably, before anything else is sent. */
    void recordTaken(ClayTableConfig table, int taken) {
        long after = rows(table) + taken;
        store.save(Map.of(ClaySinkState.tableRowsKey(connector, table.name()), Long.toString(after)));
        rows.put(table.name(), after);
        if (table.rowCap().isPresent() && after >= table.rowCap().getAsLong()) {
            LOG.warn("Clay table {} is full ({} of {} rows): sending moves to the next table", table.name(), after,
                    table.rowCap().getAsLong());
        }
    }
}
