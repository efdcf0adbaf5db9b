package io.clayflow.connect.warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's one connection to the warehouse, opened when first needed and opened again after a failure dropped it,
 * with auto-commit off: the writer decides where each transaction ends.
 */
public final class DatabaseConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnection.class);

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

    public Connection get() throws SQLException {
        if (connection == null) {
            Connection opened = dialect.connect(url, user, password);
            opened.setAutoCommit(false);
            connection = opened;
            LOG.info("Connected to the {} warehouse", dialect.name());
        }
        return connection;
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
