package io.clayflow.cli.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbReaderTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void warehouse() throws SQLException {
        file = dir.resolve("warehouse.duckdb");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + file); Statement statement =
                db.createStatement()) {
            statement.execute("create table enriched_leads (lead_id varchar primary key, icp_score integer)");
            statement.execute("insert into enriched_leads values ('a', 91), ('b', null)");
        }
    }

    @Test
    void printsTheRowsOfAQuery() throws SQLException {
        String out = new DuckDbReader(file, Duration.ofSeconds(1)).query(
                "select lead_id, icp_score from enriched_leads order by lead_id", ResultFormat.TABLE);

        assertThat(out).contains("lead_id  icp_score", "a        91", "b        NULL", "(2 rows)");
    }

    @Test
    void cannotChangeTheWarehouse() throws SQLException {
        DuckDbReader reader = new DuckDbReader(file, Duration.ofSeconds(1));

        assertThatThrownBy(() -> reader.query("delete from enriched_leads returning *", ResultFormat.CSV))
                .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
        assertThat(reader.query("select count(*) as n from enriched_leads", ResultFormat.CSV)).isEqualTo("n\r\n2\r\n");
    }

    /** Another process holds the file for writing, as the sink does during a put: the query waits, then answers. */
    @Test
    void waitsWhileAnotherProcessWritesAndAnswersOnceItLetsGo() throws Exception {
        Process writer = holdInAnotherProcess();
        try {
            DuckDbReader reader = new DuckDbReader(file, Duration.ofSeconds(20));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.query("select count(*) as n from enriched_leads", ResultFormat.CSV);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(answer).as("no answer while the other process holds the file")
                    .failsWithin(Duration.ofMillis(500)).withThrowableThat().isInstanceOf(
                            java.util.concurrent.TimeoutException.class);

            writer.getOutputStream().write('\n');
            writer.getOutputStream().flush();

            assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("n\r\n2\r\n");
        } finally {
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void saysSoWhenTheFileStaysHeldLongerThanItMayWait() throws Exception {
        Process writer = holdInAnotherProcess();
        try {
            assertThatThrownBy(() -> new DuckDbReader(file, Duration.ofMillis(300))
                    .query("select 1", ResultFormat.CSV)).isInstanceOf(DuckDbReader.StillLockedException.class)
                    .hasMessageContaining("stayed held by its writer for 300 ms");
        } finally {
            writer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process holdInAnotherProcess() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldDuckDbFile.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the other process holds the file").isEqualTo("holding");
        return writer;
    }
}
