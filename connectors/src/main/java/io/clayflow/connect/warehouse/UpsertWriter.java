package io.clayflow.connect.warehouse;

import io.clayflow.connect.sink.RefusedRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a put's rows by key in one transaction, as JDBC batches (one per writer schema among the rows). A row the
 * database refuses for its values fails the whole batch, which carries no reliable "which row" (DuckDB closes the
 * statement, PostgreSQL's batch rewrite merges rows), so the transaction is rolled back and the rows are written
 * again one by one, each in its own transaction: the refused ones come back as dead letters, the others land.
 * Upserts are idempotent, so the rows committed before a later failure are harmless when the put is redelivered.
 */
public final class UpsertWriter {

    private static final Logger LOG = LoggerFactory.getLogger(UpsertWriter.class);

    private final Dialect dialect;
    private final DatabaseConnection database;
    private final WarehouseTable table;

    /** Writes into {@code tableName} of {@code database}, upserting by {@code key}; the table follows the rows. */
    public UpsertWriter(DatabaseConnection database, String tableName, String key) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
        this.table = new WarehouseTable(dialect, tableName, key);
    }

    /** What a write did: rows upserted, columns added, and rows refused (each with its reason). */
    public record Outcome(int upserted, List<Column> columnsAdded, List<RefusedRecord> refused) {
    }

    /**
     * Writes the rows; for a key present more than once, the last row wins (the newest record).
     *
     * @throws SQLException a transient error (unreachable, conflict, shutdown): nothing is lost, retry the rows
     * @throws ConnectException an error no retry will fix and no row is to blame for (permissions, a table without
     *                          the key as primary key, ...)
     */
    public Outcome write(List<WarehouseRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new Outcome(0, List.of(), List.of());
        }
        Map<String, WarehouseRow> latest = new LinkedHashMap<>();
        rows.forEach(row -> latest.put(row.key(), row));
        List<WarehouseRow> unique = new ArrayList<>(latest.values());
        try {
            Connection connection = database.get();
            List<Column> added = table.ensureColumns(connection, columnSets(unique));
            try {
                upsert(connection, unique);
                connection.commit();
                return new Outcome(unique.size(), added, List.of());
            } catch (SQLException e) {
                rollback(connection);
                if (dialect.isTransient(e) || !dialect.isRowError(rootOf(e))) {
                    throw e;
                }
                LOG.info("The warehouse refused a batch of {} rows ({}); writing them one by one to find the rows "
                        + "at fault", unique.size(), rootOf(e).getMessage());
                return oneByOne(connection, unique, added);
            }
        } catch (SQLException e) {
            table.forget();
            database.discard();
            if (dialect.isTransient(e) || dialect.isTransient(rootOf(e))) {
                throw e;
            }
            throw new ConnectException("The " + dialect.name() + " warehouse failed writing to " + table.name() + ": "
                    + rootOf(e).getMessage(), e);
        }
    }

    private Outcome oneByOne(Connection connection, List<WarehouseRow> rows, List<Column> added) throws SQLException {
        List<RefusedRecord> refused = new ArrayList<>();
        int upserted = 0;
        for (WarehouseRow row : rows) {
            try {
                upsert(connection, List.of(row));
                connection.commit();
                upserted++;
            } catch (SQLException e) {
                rollback(connection);
                SQLException cause = rootOf(e);
                if (dialect.isTransient(e) || !dialect.isRowError(cause)) {
                    throw e;
                }
                refused.add(new RefusedRecord(row.record(), new DataException("The " + dialect.name()
                        + " warehouse refused the row with " + table.key() + " " + row.key() + ": " + cause.getMessage(),
                        cause)));
            }
        }
        return new Outcome(upserted, added, refused);
    }

    private void upsert(Connection connection, List<WarehouseRow> rows) throws SQLException {
        Map<List<Column>, List<WarehouseRow>> bySchema = new LinkedHashMap<>();
        rows.forEach(row -> bySchema.computeIfAbsent(row.columns(), c -> new ArrayList<>()).add(row));
        int perStatement = dialect.rowsPerStatement();
        for (Map.Entry<List<Column>, List<WarehouseRow>> group : bySchema.entrySet()) {
            List<WarehouseRow> all = group.getValue();
            int whole = all.size() - all.size() % perStatement;
            execute(connection, group.getKey(), all.subList(0, whole), perStatement);
            execute(connection, group.getKey(), all.subList(whole, all.size()), all.size() - whole);
        }
    }

    /** One JDBC batch of statements of {@code perStatement} rows each. */
    private void execute(Connection connection, List<Column> columns, List<WarehouseRow> rows, int perStatement)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // Prepared per transaction: DuckDB closes a statement whose batch failed.
        try (PreparedStatement statement = connection.prepareStatement(
                dialect.upsert(table.name(), columns, table.key(), perStatement))) {
            for (int from = 0; from < rows.size(); from += perStatement) {
                int parameter = 1;
                for (WarehouseRow row : rows.subList(from, from + perStatement)) {
                    parameter = bind(statement, columns, row.values(), parameter);
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds a row's values from parameter {@code first} on; returns the next parameter's index. */
    private static int bind(PreparedStatement statement, List<Column> columns, Object[] values, int first)
            throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                statement.setNull(first + i, columns.get(i).kind().jdbcType());
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(first + i, bytes);
            } else {
                statement.setObject(first + i, value);
            }
        }
        return first + values.length;
    }

    private static List<List<Column>> columnSets(List<WarehouseRow> rows) {
        return rows.stream().map(WarehouseRow::columns).distinct().toList();
    }

    /** A batch failure's cause: PostgreSQL wraps the server's error in a BatchUpdateException. */
    private static SQLException rootOf(SQLException e) {
        SQLException next = e.getNextException();
        return next != null ? next : e;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // a broken connection: the caller's error says why, and the connection is dropped
        }
    }
}
