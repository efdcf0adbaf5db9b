package io.clayflow.connect.warehouse;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB, embedded in the worker's JVM (a file on its disk): {@code TIMESTAMPTZ}, {@code JSON}. Its JDBC errors carry
 * no SQLSTATE, only DuckDB's error type as the message's prefix ("Conversion Error: ..."), which tells the kinds
 * apart. One process, one writer, and no other process while it writes: the connector runs a single task, which
 * holds the file only while it writes a put.
 */
public final class DuckDbDialect extends Dialect {

    private static final int ROWS_PER_STATEMENT = 100;
    private static final List<String> ROW_ERRORS = List.of("Conversion Error", "Constraint Error", "Out of Range Error",
            "Invalid Input Error", "Mismatch Type Error", "Invalid Error", "Decimal Error");
    // A lock held by another process, a full disk, a write-write conflict between transactions.
    private static final List<String> TRANSIENT_ERRORS = List.of("IO Error", "Connection Error", "INTERRUPT Error",
            "TransactionContext Error", "Out of Memory Error");

    @Override
    public String name() {
        return "DuckDB";
    }

    @Override
    public String sqlType(Column column) {
        return switch (column.kind()) {
            case TEXT -> "VARCHAR";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "REAL";
            case DOUBLE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case BYTES -> "BLOB";
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case TIME -> "TIME";
            // DuckDB's decimals stop at 38 digits; wider ones are kept exactly as text.
            case DECIMAL -> column.precision() <= 38 ? "DECIMAL(" + column.precision() + ", " + column.scale() + ")"
                    : "VARCHAR";
            case JSON -> "JSON";
        };
    }

    @Override
    public String placeholder(Column column) {
        return column.kind() == ColumnKind.JSON ? "CAST(? AS JSON)" : "?";
    }

    @Override
    public Object bindable(Column column, Object value) {
        return column.kind() == ColumnKind.DECIMAL && column.precision() > 38 && value instanceof java.math.BigDecimal d
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
