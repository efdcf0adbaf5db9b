package io.clayflow.faults;

import io.clayflow.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** The warehouse sink's table in PostgreSQL, read as an analyst would: rows and the leads they hold. */
final class Warehouse {

    private final Postgres postgres;
    private final String table;

    Warehouse(Postgres postgres, String table) {
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Rows in the table; 0 while the sink has not created it. */
    long rows() throws SQLException {
        try (Connection db = postgres.connect(); Statement statement = db.createStatement()) {
            if (!exists(db)) {
                return 0;
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The distinct emails of the rows (the intake's normalized, lower-cased form). */
    Set<String> emails() throws SQLException {
        Set<String> emails = new HashSet<>();
        try (Connection db = postgres.connect(); Statement statement = db.createStatement()) {
            if (!exists(db)) {
                return emails;
            }
            try (ResultSet rs = statement.executeQuery("SELECT DISTINCT email FROM " + table)) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        return emails;
    }

    /** Distinct {@code lead_id}s: the table's key, so this equals {@link #rows()} unless the upsert is broken. */
    long distinctLeadIds() throws SQLException {
        try (Connection db = postgres.connect(); Statement statement = db.createStatement()) {
            if (!exists(db)) {
                return 0;
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(DISTINCT lead_id) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private boolean exists(Connection db) throws SQLException {
        try (ResultSet rs = db.getMetaData().getTables(null, postgres.schema(), table, null)) {
            return rs.next();
        }
    }
}
