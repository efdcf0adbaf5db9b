package io.clayflow.cli.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.duckdb.DuckDBDriver;

/**
 * Reads a DuckDB file another process writes. DuckDB lets one process at a time open a file for writing, and no other
 * process meanwhile; the warehouse sink therefore opens its file only while it writes a put, and closes it between.
 * This reader opens the file read-only (a query cannot change it), retrying every few milliseconds while the sink
 * holds it, runs one query and closes at once, so the sink waits at most that long.
 */
final class DuckDbReader {

    private static final Duration RETRY = Duration.ofMillis(10);

    private final Path file;
    private final Duration wait;

    DuckDbReader(Path file, Duration wait) {
        this.file = Objects.requireNonNull(file, "file");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    /** The query's rows, rendered. */
    String query(String sql, ResultFormat format) throws SQLException {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<String>> rows = new ArrayList<>();
            while (result.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
            return format.render(columns, rows);
        }
    }

    private Connection open() throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return new DuckDBDriver().connect("jdbc:duckdb:" + file, readOnly);
            } catch (SQLException e) {
                if (!isHeldByAWriter(e)) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new StillLockedException("The warehouse " + file + " stayed held by its writer for "
                            + wait.toMillis() + " ms (a very long put?); try again, or give --wait more time", e);
                }
                LockSupport.parkNanos(RETRY.toNanos());
            }
        }
    }

    /** DuckDB's refusal while another process holds the file ("IO Error: Could not set lock on file ..."). */
    private static boolean isHeldByAWriter(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("Could not set lock");
    }

    /** The file stayed held for the whole wait. */
    static final class StillLockedException extends SQLException {

        private static final long serialVersionUID = 1L;

        StillLockedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
