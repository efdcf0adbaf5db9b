package io.clayflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL schema of its own for one test class, on the PostgreSQL server the tests are pointed at.
 *
 * @param serverUrl the JDBC URL of the server and database, without the schema
 * @param user the user tests connect as
 * @param password the password; empty for the trust authentication of a local test server
 * @param schema the schema's name
 */
public record Postgres(String serverUrl, String user, String password, String schema) implements AutoCloseable {

    static final String URL_ENV = "CLAYFLOW_TEST_JDBC_URL";
    static final String USER_ENV = "CLAYFLOW_TEST_JDBC_USER";
    static final String PASSWORD_ENV = "CLAYFLOW_TEST_JDBC_PASSWORD";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String DEFAULT_USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(Postgres.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    // PostgreSQL truncates identifiers at 63 bytes; leave room for "it_" and the random suffix.
    private static final int MAX_OWNER_LENGTH = 40;
    private static final String HOW_TO_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    /** An existing schema on a server; {@link #createSchemaFor} makes a new one. */
    public Postgres {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
    }

    /** Creates a fresh schema named after {@code testClass} on the server that {@code CLAYFLOW_TEST_JDBC_*} name. */
    public static Postgres createSchemaFor(Class<?> testClass) {
        return createSchema(testClass.getSimpleName(), System::getenv);
    }

    static Postgres createSchema(String owner, Function<String, String> environment) {
        String schema = schemaName(owner);
        Postgres postgres = new Postgres(
                valueOr(environment.apply(URL_ENV), DEFAULT_URL),
                valueOr(environment.apply(USER_ENV), DEFAULT_USER),
                valueOr(environment.apply(PASSWORD_ENV), ""),
                schema);
        postgres.execute("CREATE SCHEMA " + schema);
        LOG.info("Created PostgreSQL schema {} at {}", schema, postgres.serverUrl);
        return postgres;
    }

    /** A name PostgreSQL takes unquoted: {@code it_<owner in lower case>_<random>}. */
    static String schemaName(String owner) {
        String cleaned = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.length() > MAX_OWNER_LENGTH) {
            cleaned = cleaned.substring(0, MAX_OWNER_LENGTH);
        }
        return "it_" + cleaned + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
    }

    /** The JDBC URL of this schema: the server URL with {@code currentSchema=<schema>}. */
    public String jdbcUrl() {
        return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A new connection whose current schema is {@link #schema()}; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), connectionProperties());
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        LOG.info("Dropped PostgreSQL schema {}", schema);
    }

    /** Names the schema and the server, never the password. */
    @Override
    public String toString() {
        return "PostgreSQL schema " + schema + " at " + serverUrl;
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl, connectionProperties());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(explain(e, sql), e);
        }
    }

    private Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return properties;
    }

    private String explain(SQLException e, String sql) {
        String where = serverUrl + " as " + user;
        String state = String.valueOf(e.getSQLState());
        if (state.startsWith("08")) {
            return "PostgreSQL is not reachable at " + where + " (" + e.getMessage() + "). Start it with `" + HOW_TO_START
                    + "`, or point " + URL_ENV + " / " + USER_ENV + " / " + PASSWORD_ENV + " at a running server.";
        }
        if (state.equals("3D000")) {
            return "The database in " + serverUrl + " does not exist (" + e.getMessage() + "): create it, e.g. "
                    + "`createdb -h 127.0.0.1 -U " + user + " test`, or set " + URL_ENV + ".";
        }
        if (state.startsWith("28")) {
            return "PostgreSQL refused " + where + " (" + e.getMessage() + "): set " + USER_ENV + " / " + PASSWORD_ENV
                    + ", or allow trust authentication for local test connections.";
        }
        return "`" + sql + "` failed at " + where + " (SQLState " + state + "): " + e.getMessage();
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
