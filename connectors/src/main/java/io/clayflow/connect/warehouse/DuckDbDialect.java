package io.clayflow.connect.warehouse;

import static io.clayflow.connect.warehouse.ColumnKind.*;
import static java.util.Map.entry;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * DuckDB, embedded in the worker's JVM (a file on its disk): {@code TIMESTAMPTZ}, {@code JSON}. Its JDBC errors carry
 * no SQLSTATE, only DuckDB's error type as the message's prefix ("Conversion Error: ..."), which tells the kinds
 * apart. One process, one writer, and no other process while it writes: the connector runs a single task, which
 * holds the file only while it writes a put.
 */
public final class DuckDbDialect extends Dialect {

    private static final Map<ColumnKind, String> TYPE_NAMES = Map.ofEntries(entry(TEXT, "VARCHAR"),
            entry(INTEGER, "INTEGER"), entry(BIGINT, "BIGINT"), entry(REAL, "REAL"), entry(DOUBLE, "DOUBLE"),
            entry(BOOLEAN, "BOOLEAN"), entry(BYTES, "BLOB"), entry(TIMESTAMP_TZ, "TIMESTAMPTZ"),
            entry(TIMESTAMP, "TIMESTAMP"), entry(DATE, "DATE"), entry(TIME, "TIME"), entry(DECIMAL, "DECIMAL"),
            entry(JSON, "JSON"));
    private static final int ROWS_PER_STATEMENT = 100;
    private static final List<String> ROW_ERRORS = List.of("Conversion Error", "Constraint Error", "Out of Range Error",
            "Invalid Input Error", "Mismatch Type Error", "Invalid Error", "Decimal Error");
    // A lock held by another process, a full disk, a write-write conflict between transactions.
    private static final List<String> TRANSIENT_ERRORS = List.of("IO Error", "Connection Error", "INTERRUPT Error",
            "TransactionContext Error", "Out of Memory Error");

    public DuckDbDialect() {
        super("DuckDB", TYPE_NAMES);
    }

    /** DuckDB's decimals stop at 38 digits; wider ones are kept exactly as text. */
    @Override
    public String sqlType(Column column) {
        return column.kind() == DECIMAL && column.precision() > 38 ? "VARCHAR" : super.sqlType(column);
    }

    @Override
    public Object bindable(Column column, Object value) {
        return column.kind() == DECIMAL && column.precision() > 38 && value instanceof java.math.BigDecimal d
                ? d.toPlainString() : value;
    }

    /**
     * DuckDB runs a JDBC batch one statement per row (about 300 rows/s here with a primary key); a statement of many
     * rows is more than ten times faster, and shortens the time the file is held.
     */
    @Override
    public int rowsPerStatement() {
        return ROWS_PER_STATEMENT;
    }

    /** Another process holds the file ("Could not set lock"), or this one with another configuration. */
    @Override
    public boolean isLockConflict(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("Could not set lock on file") || message.contains("same database file with a "
                + "different configuration");
    }

    @Override
    protected Driver driver() {
        return new org.duckdb.DuckDBDriver();
    }

    @Override
    public boolean allowsConcurrentWriters() {
        return false;
    }

    @Override
    public boolean isTransient(SQLException e) {
        return super.isTransient(e) || startsWithAny(e, TRANSIENT_ERRORS);
    }

    @Override
    public boolean isRowError(SQLException e) {
        return startsWithAny(e, ROW_ERRORS);
    }

    private static boolean startsWithAny(SQLException e, List<String> prefixes) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return prefixes.stream().anyMatch(message::startsWith);
    }
}
