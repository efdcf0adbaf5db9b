package io.clayflow.connect.warehouse;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What differs between the databases the warehouse sink writes to: SQL type names, how a JSON value is bound, the
 * driver, and which errors are transient (retry) or the fault of one row (dead letter). The statements themselves
 * are shared: both PostgreSQL and DuckDB take {@code INSERT ... ON CONFLICT (key) DO UPDATE SET col = EXCLUDED.col}
 * and {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS}.
 */
public abstract class Dialect {

    private final String name;
    private final Map<ColumnKind, String> typeNames;

    /** @param typeNames what this database calls each column kind ({@code DECIMAL} takes precision and scale) */
    protected Dialect(String name, Map<ColumnKind, String> typeNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeNames = new EnumMap<>(typeNames);
    }

    /** The dialect of a JDBC URL. */
    public static Dialect forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (url.startsWith("jdbc:duckdb:")) {
            return new DuckDbDialect();
        }
        throw new IllegalArgumentException("no warehouse dialect for this JDBC URL: jdbc:postgresql: and jdbc:duckdb: "
                + "are supported");
    }

    public String name() {
        return name;
    }

    /** The SQL type of a column: its kind's name in this database, with a decimal's precision and scale. */
    public String sqlType(Column column) {
        String type = typeNames.get(column.kind());
        return column.kind() == ColumnKind.DECIMAL ? type + "(" + column.precision() + ", " + column.scale() + ")"
                : type;
    }

    /**
     * The driver, instantiated rather than looked up in {@link java.sql.DriverManager}: inside a Connect worker the
     * plugin's classloader is not the one DriverManager registered drivers from, so a lookup can miss (or find a
     * driver of another plugin).
     */
    protected abstract Driver driver();

    /** Settings every connection gets; the URL's own parameters take precedence. */
    protected Properties connectionProperties() {
        return new Properties();
    }

    /** Whether several tasks, possibly in several workers, may write at once (false: one writing process). */
    public abstract boolean allowsConcurrentWriters();

    public Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = connectionProperties();
        if (user != null && !user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        Connection connection = driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The " + name() + " driver does not accept this JDBC URL");
        }
        return connection;
    }

    /** The error means the database is (for now) unreachable, overloaded or in a conflict: try again later. */
    public boolean isTransient(SQLException e) {
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
    }

    /** The error is about the values of the row written (a value out of range, malformed, refused by a constraint). */
    public abstract boolean isRowError(SQLException e);

    /** The placeholder that binds a value of this column (JSON is bound as text, and cast). */
    public String placeholder(Column column) {
        return column.kind() == ColumnKind.JSON ? "CAST(? AS " + typeNames.get(ColumnKind.JSON) + ")" : "?";
    }

    /** The value to bind for a column, as this dialect's column type takes it. */
    public Object bindable(Column column, Object value) {
        return value;
    }

    /** A quoted identifier: field names are kept exactly, and keywords (e.g. a field named "at") stay names. */
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A possibly schema-qualified table name, each part quoted. */
    public String table(String table) {
        return List.of(table.split("\\.")).stream().map(this::quote).collect(Collectors.joining("."));
    }

    public String createTable(String table, List<Column> columns, String key) {
        String definitions = columns.stream()
                .map(c -> quote(c.name()) + " " + sqlType(c) + (c.name().equals(key) ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + table(table) + " (" + definitions + ", PRIMARY KEY (" + quote(key) + "))";
    }

    /** A new column is always nullable: the rows written before it have no value for it. */
    public String addColumn(String table, Column column) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN IF NOT EXISTS " + quote(column.name()) + " "
                + sqlType(column);
    }

    /** Reads no row, only the table's columns; fails when the table does not exist. */
    public String probeColumns(String table) {
        return "SELECT * FROM " + table(table) + " WHERE 1 = 0";
    }

    /** Inserts a row, or updates every given column of the row with the same key. */
    public String upsert(String table, List<Column> columns, String key) {
        return upsert(table, columns, key, 1);
    }

    /** Inserts {@code rows} rows (of distinct keys), or updates every given column of the row with the same key. */
    public String upsert(String table, List<Column> columns, String key, int rows) {
        String names = columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        String row = columns.stream().map(this::placeholder).collect(Collectors.joining(", ", "(", ")"));
        String updates = columns.stream().filter(c -> !c.name().equals(key))
                .map(c -> quote(c.name()) + " = EXCLUDED." + quote(c.name())).collect(Collectors.joining(", "));
        return "INSERT INTO " + table(table) + " (" + names + ") VALUES " + String.join(", ",
                Collections.nCopies(rows, row)) + " ON CONFLICT (" + quote(key) + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
    }

    /**
     * Rows per upsert statement. One by default: PostgreSQL's driver rewrites a JDBC batch into multi-row statements
     * itself ({@code reWriteBatchedInserts}).
     */
    public int rowsPerStatement() {
        return 1;
    }

    /** Opening failed only because another process (or connection) holds the database: worth a quick retry. */
    public boolean isLockConflict(SQLException e) {
        return false;
    }

    @Override
    public String toString() {
        return name();
    }
}
