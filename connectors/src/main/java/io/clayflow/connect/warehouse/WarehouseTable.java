package io.clayflow.connect.warehouse;

import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the warehouse table in step with the records' schemas: creates it from the first schema seen (one column per
 * field, the key as primary key) and adds a nullable column for each field a newer schema brings, so rows written
 * before keep NULL there. Columns are never dropped or retyped: a field a newer schema removes keeps its column.
 * The DDL commits on its own, before the rows' transaction, so a batch that rolls back leaves the columns in place
 * (harmless: they are nullable and the batch comes again).
 */
public final class WarehouseTable {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseTable.class);

    private final Dialect dialect;
    private final String table;
    private final String key;
    // Column names as the database reports them; null until read.
    private Set<String> existing;

    public WarehouseTable(Dialect dialect, String table, String key) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.table = Objects.requireNonNull(table, "table");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The table's name, schema-qualified if configured so. */
    public String name() {
        return table;
    }

    /** The column every row is upserted by. */
    public String key() {
        return key;
    }

    /**
     * Makes sure the table has every column of these rows, creating the table or adding columns as needed.
     *
     * @return the columns added (empty when the table already fitted)
     * @throws SQLException a transient error (the caller retries)
     */
    public List<Column> ensureColumns(Connection connection, List<List<Column>> columnSets) throws SQLException {
        if (existing == null) {
            existing = readColumns(connection);
            if (existing.isEmpty()) {
                create(connection, columnSets.get(0));
            }
        }
        List<Column> missing = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<Column> columns : columnSets) {
            for (Column column : columns) {
                if (!existing.contains(column.name()) && seen.add(column.name())) {
                    missing.add(column);
                }
            }
        }
        for (Column column : missing) {
            ddl(connection, dialect.addColumn(table, column), List.of(column));
            LOG.info("Added column {} {} to warehouse table {} (a new field of the records' schema)", column.name(),
                    dialect.sqlType(column), table);
        }
        return missing;
    }

    /** Forgets what is known of the table, so it is read again (after an error that may mean it changed). */
    public void forget() {
        existing = null;
    }

    private void create(Connection connection, List<Column> columns) throws SQLException {
        ddl(connection, dialect.createTable(table, columns, key), columns);
        LOG.info("Created warehouse table {} with {} columns, key {}", table, columns.size(), key);
    }

    private void ddl(Connection connection, String sql, List<Column> wanted) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            if (dialect.isTransient(e)) {
                throw e;
            }
            // Another task may have run the same DDL at the same moment: fine if the columns are there now.
            Set<String> now = readColumns(connection);
            if (!wanted.stream().map(Column::name).allMatch(now::contains)) {
                throw new ConnectException("The " + dialect.name() + " warehouse refused `" + sql + "`: "
                        + e.getMessage(), e);
            }
            existing = now;
            return;
        }
        wanted.forEach(c -> existing.add(c.name()));
    }

    /** The table's column names, or none when it does not exist. */
    private Set<String> readColumns(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            ResultSetMetaData meta = statement.executeQuery(dialect.probeColumns(table)).getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            if (dialect.isTransient(e)) {
                throw e;
            }
            return names; // no such table yet
        }
        return names;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the caller's error says why
        }
    }
}
