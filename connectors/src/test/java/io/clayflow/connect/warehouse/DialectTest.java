package io.clayflow.connect.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DialectTest {

    private static final Dialect POSTGRES = new PostgresDialect();
    private static final Dialect DUCKDB = new DuckDbDialect();

    private static final List<Column> COLUMNS = List.of(Column.of("lead_id", ColumnKind.TEXT),
            Column.of("occurred_at", ColumnKind.TIMESTAMP_TZ), Column.of("icp_score", ColumnKind.INTEGER),
            Column.of("attributes", ColumnKind.JSON));

    static Stream<Arguments> sqlTypes() {
        return Stream.of(
                Arguments.of(ColumnKind.TEXT, "text", "VARCHAR"),
                Arguments.of(ColumnKind.INTEGER, "integer", "INTEGER"),
                Arguments.of(ColumnKind.BIGINT, "bigint", "BIGINT"),
                Arguments.of(ColumnKind.REAL, "real", "REAL"),
                Arguments.of(ColumnKind.DOUBLE, "double precision", "DOUBLE"),
                Arguments.of(ColumnKind.BOOLEAN, "boolean", "BOOLEAN"),
                Arguments.of(ColumnKind.BYTES, "bytea", "BLOB"),
                Arguments.of(ColumnKind.TIMESTAMP_TZ, "timestamp with time zone", "TIMESTAMPTZ"),
                Arguments.of(ColumnKind.TIMESTAMP, "timestamp without time zone", "TIMESTAMP"),
                Arguments.of(ColumnKind.DATE, "date", "DATE"),
                Arguments.of(ColumnKind.TIME, "time without time zone", "TIME"),
                Arguments.of(ColumnKind.JSON, "jsonb", "JSON"));
    }

    @ParameterizedTest(name = "{0}: PostgreSQL {1}, DuckDB {2}")
    @MethodSource("sqlTypes")
    void eachKindHasASqlTypePerDialect(ColumnKind kind, String postgres, String duckdb) {
        assertThat(POSTGRES.sqlType(Column.of("c", kind))).isEqualTo(postgres);
        assertThat(DUCKDB.sqlType(Column.of("c", kind))).isEqualTo(duckdb);
    }

    @Test
    void decimalsKeepPrecisionAndDuckDbKeepsWiderOnesAsText() {
        assertThat(POSTGRES.sqlType(new Column("a", ColumnKind.DECIMAL, 12, 2))).isEqualTo("numeric(12, 2)");
        assertThat(DUCKDB.sqlType(new Column("a", ColumnKind.DECIMAL, 12, 2))).isEqualTo("DECIMAL(12, 2)");
        assertThat(DUCKDB.sqlType(new Column("a", ColumnKind.DECIMAL, 40, 2))).isEqualTo("VARCHAR");
    }

    @Test
    void postgresCreatesTheTableWithTheKeyAsPrimaryKeyAndEverythingElseNullable() {
        assertThat(POSTGRES.createTable("enriched_leads", COLUMNS, "lead_id")).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"enriched_leads\" (\"lead_id\" text NOT NULL, "
                        + "\"occurred_at\" timestamp with time zone, \"icp_score\" integer, \"attributes\" jsonb, "
                        + "PRIMARY KEY (\"lead_id\"))");
    }

    @Test
    void duckDbCreatesTheTableWithTheKeyAsPrimaryKeyAndEverythingElseNullable() {
        assertThat(DUCKDB.createTable("enriched_leads", COLUMNS, "lead_id")).isEqualTo(
                "CREATE TABLE IF NOT EXISTS \"enriched_leads\" (\"lead_id\" VARCHAR NOT NULL, "
                        + "\"occurred_at\" TIMESTAMPTZ, \"icp_score\" INTEGER, \"attributes\" JSON, "
                        + "PRIMARY KEY (\"lead_id\"))");
    }

    @Test
    void aNewFieldAddsANullableColumn() {
        Column owner = Column.of("lead_owner", ColumnKind.TEXT);

        assertThat(POSTGRES.addColumn("analytics.leads", owner))
                .isEqualTo("ALTER TABLE \"analytics\".\"leads\" ADD COLUMN IF NOT EXISTS \"lead_owner\" text");
        assertThat(DUCKDB.addColumn("leads", owner))
                .isEqualTo("ALTER TABLE \"leads\" ADD COLUMN IF NOT EXISTS \"lead_owner\" VARCHAR");
    }

    @Test
    void upsertUpdatesEveryColumnButTheKeyAndCastsJson() {
        assertThat(POSTGRES.upsert("enriched_leads", COLUMNS, "lead_id")).isEqualTo(
                "INSERT INTO \"enriched_leads\" (\"lead_id\", \"occurred_at\", \"icp_score\", \"attributes\") "
                        + "VALUES (?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (\"lead_id\") DO UPDATE SET "
                        + "\"occurred_at\" = EXCLUDED.\"occurred_at\", \"icp_score\" = EXCLUDED.\"icp_score\", "
                        + "\"attributes\" = EXCLUDED.\"attributes\"");
        assertThat(DUCKDB.upsert("enriched_leads", COLUMNS, "lead_id")).contains("CAST(? AS JSON)")
                .contains("ON CONFLICT (\"lead_id\") DO UPDATE SET");
        assertThat(DUCKDB.upsert("t", List.of(Column.of("lead_id", ColumnKind.TEXT)), "lead_id"))
                .endsWith("ON CONFLICT (\"lead_id\") DO NOTHING");
    }

    @Test
    void identifiersAreQuotedSoKeywordsStayNames() {
        assertThat(POSTGRES.quote("at")).isEqualTo("\"at\"");
        assertThat(POSTGRES.quote("we\"ird")).isEqualTo("\"we\"\"ird\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"jdbc:postgresql://127.0.0.1:5432/test, PostgreSQL", "jdbc:duckdb:/tmp/w.duckdb, DuckDB",
            "JDBC:DUCKDB:, DuckDB"})
    void theDialectFollowsTheUrl(String url, String dialect) {
        assertThat(Dialect.forUrl(url).name()).isEqualTo(dialect);
    }

    @Test
    void anUnknownUrlIsRefused() {
        assertThatThrownBy(() -> Dialect.forUrl("jdbc:mysql://db/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:");
    }

    @ParameterizedTest(name = "SQLSTATE {0}: transient={1}, row error={2}")
    @CsvSource({"08006, true, false", "08001, true, false", "40001, true, false", "40P01, true, false",
            "57P01, true, false", "53300, true, false", "22008, false, true", "22021, false, true",
            "23505, false, true", "42501, false, false", "42P10, false, false"})
    void postgresTellsErrorsApartBySqlState(String state, boolean transientError, boolean rowError) {
        SQLException e = new SQLException("x", state);

        assertThat(POSTGRES.isTransient(e)).isEqualTo(transientError);
        assertThat(POSTGRES.isRowError(e)).isEqualTo(rowError);
    }

    @ParameterizedTest(name = "{0}: transient={1}, row error={2}")
    @CsvSource(delimiter = '|', value = {
            "IO Error: Could not set lock on file \"w.duckdb\" | true | false",
            "TransactionContext Error: Catalog write-write conflict | true | false",
            "Conversion Error: Malformed JSON at byte 1 | false | true",
            "Invalid Error: long overflow | false | true",
            "Constraint Error: NOT NULL constraint failed | false | true",
            "Binder Error: Referenced column not found | false | false",
            "Catalog Error: Table with name x does not exist | false | false"})
    void duckDbTellsErrorsApartByTheirType(String message, boolean transientError, boolean rowError) {
        SQLException e = new SQLException(message);

        assertThat(DUCKDB.isTransient(e)).isEqualTo(transientError);
        assertThat(DUCKDB.isRowError(e)).isEqualTo(rowError);
    }

    @Test
    void jdbcTransientExceptionsAreTransientInEveryDialect() {
        assertThat(POSTGRES.isTransient(new SQLTransientConnectionException("down"))).isTrue();
        assertThat(DUCKDB.isTransient(new SQLTransientConnectionException("down"))).isTrue();
    }
}
