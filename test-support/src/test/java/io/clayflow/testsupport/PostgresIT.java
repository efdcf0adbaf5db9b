package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

@ClayflowIntegrationTest
class PostgresIT {

    @Test
    void theSchemaExistsAndIsTheConnectionsCurrentSchema(Postgres postgres) throws SQLException {
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet current = statement.executeQuery("select current_schema()")) {
            current.next();

            assertThat(current.getString(1)).isEqualTo(postgres.schema());
            assertThat(postgres.schema()).startsWith("it_postgresit_");
            assertThat(postgres.jdbcUrl()).contains("currentSchema=" + postgres.schema());
            assertThat(schemaExists(postgres, postgres.schema())).isTrue();
        }
    }

    @Test
    void unqualifiedTablesLandInTheClassSchema(Postgres postgres) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create table leads (lead_id text primary key)");
            statement.execute("insert into leads values ('lead-1')");
        }

        try (Connection connection = postgres.connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?")) {
            query.setString(1, postgres.schema());
            query.setString(2, "leads");
            try (ResultSet count = query.executeQuery()) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void everyTestOfAClassSharesItsSchema(Postgres first, Postgres second) {
        assertThat(first).isSameAs(second);
    }

    @Test
    void twoClassesGetDifferentSchemasAndEachIsDroppedAfterItsClass(Postgres postgres) throws SQLException {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(FirstFixture.class), selectClass(SecondFixture.class))
                .execute();

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        Map<String, String> schemas = results.allEvents().reportingEntryPublished()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .flatMap(pairs -> pairs.entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(schemas.get("FirstFixture")).startsWith("it_firstfixture_");
        assertThat(schemas.get("SecondFixture")).startsWith("it_secondfixture_");
        for (String schema : List.of(schemas.get("FirstFixture"), schemas.get("SecondFixture"))) {
            assertThat(schemaExists(postgres, schema)).as("schema %s after its class", schema).isFalse();
        }
    }

    @Test
    void anUnreachableServerFailsWithHowToStartPostgres() {
        Map<String, String> env = Map.of(Postgres.URL_ENV, "jdbc:postgresql://127.0.0.1:1/test");

        assertThatThrownBy(() -> Postgres.createSchema("unreachable", env::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL is not reachable at jdbc:postgresql://127.0.0.1:1/test")
                .hasMessageContaining("pg_ctlcluster --skip-systemctl-redirect");
    }

    private static boolean schemaExists(Postgres postgres, String schema) throws SQLException {
        try (Connection connection = postgres.connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from information_schema.schemata where schema_name = ?")) {
            query.setString(1, schema);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1) == 1;
            }
        }
    }

    /** Run only through {@link EngineTestKit} above: Failsafe skips nested classes. */
    @ClayflowIntegrationTest
    static class FirstFixture {
        @Test
        void reportsItsSchema(Postgres postgres, TestReporter reporter) {
            reporter.publishEntry("FirstFixture", postgres.schema());
        }
    }

    /** Run only through {@link EngineTestKit} above: Failsafe skips nested classes. */
    @ClayflowIntegrationTest
    static class SecondFixture {
        @Test
        void reportsItsSchema(Postgres postgres, TestReporter reporter) {
            reporter.publishEntry("SecondFixture", postgres.schema());
        }
    }
}
