package io.clayflow.connect.warehouse;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.sink.AvroSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of the warehouse sink: which database and table, its credentials, and how to retry a write. */
public class WarehouseSinkConfig extends AbstractConfig {

    /** The table's key: every record is upserted by it. */
    public static final String KEY_FIELD = "lead_id";
    // Before CONFIG_DEF: defining the table key validates its default with it.
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    public static final String JDBC_URL = "warehouse.jdbc.url";
    public static final String JDBC_USER = "warehouse.jdbc.user";
    public static final String JDBC_PASSWORD = "warehouse.jdbc.password";
    public static final String DUCKDB_PATH = "warehouse.duckdb.path";
    public static final String TABLE = "warehouse.table";

    public static final ConfigDef CONFIG_DEF = definition();

    /** A URL no dialect takes is refused by {@link #JDBC_URL}'s check; an empty one is the DuckDB file's. */
    public WarehouseSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        KeyGroup.of(def, "Warehouse database")
                .define(JDBC_URL, Type.STRING, "", jdbcUrlCheck(), Importance.HIGH,
                        "JDBC URL",
                        "JDBC URL of the warehouse: jdbc:postgresql://host:5432/db (add ?currentSchema=... for a "
                                + "schema) or jdbc:duckdb:/path/file.duckdb. Empty: an embedded DuckDB file at "
                                + DUCKDB_PATH + ". The dialect follows the URL.")
                .define(JDBC_USER, Type.STRING, "", Importance.HIGH, "User", "Database user (PostgreSQL).")
                .define(JDBC_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                        "Password", "Database password (PostgreSQL). Never logged.")
                .define(DUCKDB_PATH, Type.STRING, "clayflow-warehouse.duckdb", new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "DuckDB file",
                        "File of the embedded DuckDB warehouse when " + JDBC_URL + " is empty "
                                + "(relative to the worker's working directory; parent folders are created). The "
                                + "sink holds it only while it writes a put: other processes read it between.")
                .define(TABLE, Type.STRING, "enriched_leads", tableNameCheck(), Importance.HIGH,
                        "Table",
                        "Table the leads are upserted into by " + KEY_FIELD + ", created from the records' Avro "
                                + "schema if missing; schema-qualified (schema.table) if needed.");
        ResilienceSettings.defineRetryAndCircuit(def, "the warehouse");
        return AvroSettings.define(def, "the topic");
    }

    /** The JDBC URL: the configured one, or the embedded DuckDB file's. */
    public String jdbcUrl() {
        String url = getString(JDBC_URL).trim();
        return url.isEmpty() ? "jdbc:duckdb:" + duckDbPath() : url;
    }

    public Path duckDbPath() {
        return Path.of(getString(DUCKDB_PATH)).toAbsolutePath();
    }

    public Dialect dialect() {
        return Dialect.forUrl(jdbcUrl());
    }

    public String user() {
        return getString(JDBC_USER);
    }

    public String password() {
        Password password = getPassword(JDBC_PASSWORD);
        return password == null ? "" : password.value();
    }

    public String table() {
        return getString(TABLE);
    }

    /**
     * Retry and circuit breaker around each write. A database needs no rate limit of ours (it pushes back by
     * itself), so the limiter is set out of reach.
     */
    public ResilienceSettings resilience() {
        return ResilienceSettings.from(this, 1_000_000, Duration.ofSeconds(1));
    }

    /** Empty, or a JDBC URL of a known dialect; a bad one is refused without echoing it (it may carry a password). */
    private static ConfigDef.Validator jdbcUrlCheck() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String url = value == null ? "" : value.toString().trim();
            if (!url.isEmpty()) {
                try {
                    Dialect.forUrl(url);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, "[hidden]", e.getMessage());
                }
            }
        }, () -> "empty, jdbc:postgresql:... or jdbc:duckdb:...");
    }

    /** A table name, optionally schema-qualified. */
    private static ConfigDef.Validator tableNameCheck() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || !TABLE_NAME.matcher(value.toString()).matches()) {
                throw new ConfigException(name, value, "must be a table name, optionally schema-qualified: letters, "
                        + "digits and _, not starting with a digit");
            }
        }, () -> "[schema.]table");
    }
}
