package io.clayflow.connect.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's one connection to the warehouse, opened when first needed and opened again after a failure dropped it
 * (or after {@link #close()} let other processes in), with auto-commit off: the writer decides where each transaction
 * ends.
 */
public final class DatabaseConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnection.class);

    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
    private static final Duration LOCK_RETRY = Duration.ofMillis(5);

    private final Dialect dialect;
    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public DatabaseConnection(Dialect dialect, String url, String user, String password) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    /** The database's SQL dialect. */
    public Dialect dialect() {
        return dialect;
    }

    public Connection get() throws SQLException {
        if (connection == null) {
            Connection opened = open();
            opened.setAutoCommit(false);
            connection = opened;
            LOG.debug("Connected to the {} warehouse", dialect.name());
        }
        return connection;
    }

    /**
     * Opens a connection, waiting briefly while another process holds the database (a reader of a DuckDB file holds
     * it for the few milliseconds of its query); beyond {@link #LOCK_WAIT} the conflict is the caller's transient
     * error.
     */
    private Connection open() throws SQLException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                return dialect.connect(url, user, password);
            } catch (SQLException e) {
                if (!dialect.isLockConflict(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(LOCK_RETRY.toNanos());
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Drops the connection after an error that may have broken it; the next {@link #get()} opens a new one. */
    public void discard() {
        close();
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the {} connection failed (dropping it anyway): {}", dialect.name(), e.getMessage());
            }
            connection = null;
        }
    }
}
