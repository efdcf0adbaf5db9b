package io.clayflow.connect.warehouse;

import static io.clayflow.connect.warehouse.ColumnKind.*;
import static java.util.Map.entry;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** PostgreSQL: {@code timestamptz}, {@code jsonb}; SQLSTATE tells transient errors from bad rows. */
public final class PostgresDialect extends Dialect {

    // 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 55006 object in use,
    // 57P01..57P03 admin/crash shutdown and "cannot connect now" (the server is starting or stopping).
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "55006", "57P01", "57P02",
            "57P03", "57014");

    private static final Map<ColumnKind, String> TYPE_NAMES = Map.ofEntries(entry(TEXT, "text"),
            entry(INTEGER, "integer"), entry(BIGINT, "bigint"), entry(REAL, "real"), entry(DOUBLE, "double precision"),
            entry(BOOLEAN, "boolean"), entry(BYTES, "bytea"), entry(TIMESTAMP_TZ, "timestamp with time zone"),
            entry(TIMESTAMP, "timestamp without time zone"), entry(DATE, "date"), entry(TIME, "time without time zone"),
            entry(DECIMAL, "numeric"), entry(JSON, "jsonb"));

    public PostgresDialect() {
        super("PostgreSQL", TYPE_NAMES);
    }

    @Override
    protected Driver driver() {
        return new org.postgresql.Driver();
    }

    @Override
    protected Properties connectionProperties() {
        Properties properties = new Properties();
        // One multi-row INSERT per batch instead of a round trip per row: the main throughput lever.
        properties.setProperty("reWriteBatchedInserts", "true");
        properties.setProperty("ApplicationName", "clayflow-warehouse-sink");
        // Keep lead data (emails, names) out of error messages, hence out of logs and dead-letter headers: without
        // this the driver quotes each failed batch entry with its values.
        properties.setProperty("logServerErrorDetail", "false");
        // Bound every wait on the network, so a hung server becomes a transient error instead of a stuck task.
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        return properties;
    }

    @Override
    public boolean allowsConcurrentWriters() {
        return true;
    }

    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return super.isTransient(e) || state != null && (state.startsWith("08") || state.startsWith("53")
                || TRANSIENT_STATES.contains(state));
    }

    /** Class 22 (data exception: out of range, bad encoding, ...) and 23 (integrity constraint violation). */
    @Override
    public boolean isRowError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
