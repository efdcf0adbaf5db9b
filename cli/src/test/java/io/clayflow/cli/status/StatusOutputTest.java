package io.clayflow.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.schemas.ClayLedger;
import io.clayflow.status.ClayCallbacks;
import io.clayflow.status.PipelineStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code clayflow status} prints, from a fixed reading: numbers the same in every locale, the connectors' failure
 * lines, the JSON's field names, and which exit code {@code --check} picks when several problems hold.
 */
class StatusOutputTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");
    private final Locale before = Locale.getDefault();

    @BeforeEach
    void aLocaleThatGroupsWithDots() {
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restoreTheLocale() {
        Locale.setDefault(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"de-DE", "fr-FR", "hi-IN", "ar-EG"})
    void numbersAreWrittenTheSameInEveryLocale(String tag) {
        Locale.setDefault(Locale.forLanguageTag(tag));

        String table = new StatusTable(50_000, 10_000L).render(reading(), "localhost:9092");

        assertThat(table).containsPattern("raw\\s+1,234,567\\s")
                .containsPattern("unrouted\\s+1,500\\s+reached no route but the warehouse").contains("actions spent 12,345 of 10,000")
                .contains("of 50,000 (", "2026-12-03 10:15:30Z");
    }

    @Test
    void aFailedTaskShowsTheLineOfItsRootCause() {
        String trace = "org.apache.kafka.connect.errors.ConnectException: Exiting WorkerSinkTask due to unrecoverable "
                + "exception.\n\tat org.apache.kafka.connect.runtime.WorkerSinkTask.deliverMessages(x.java:1)\n"
                + "Caused by: org.apache.kafka.connect.errors.ConnectException: Clay refused the webhook token of "
                + "webhook #1 (HTTP 401): check clay.webhook.token\n\tat io.clayflow.Task.put(y.java:2)\n";

        assertThat(ConnectorState.failureLine(trace)).isEqualTo("org.apache.kafka.connect.errors.ConnectException: "
                + "Clay refused the webhook token of webhook #1 (HTTP 401): check clay.webhook.token");
        assertThat(ConnectorState.failureLine("java.lang.IllegalStateException: boom\n\tat x.y(z.java:1)"))
                .isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(ConnectorState.failureLine(null)).isNull();
    }

    @Test
    void jsonNamesEveryFieldAsDocumented() throws Exception {
        JsonNode json = new ObjectMapper().readTree(StatusJson.render(report(connect(), new StatusChecks(null, null))));

        assertThat(json.fieldNames()).toIterable().containsExactly("version", "collected_at", "bootstrap_servers",
                "funnel", "routed", "unrouted", "consumer_lag", "clay_sender_lag", "dead_letters", "budget", "cost",
                "webhook_quota", "clay_sink_paused", "clay_callbacks", "connect", "check");
        assertThat(json.path("budget").fieldNames()).toIterable().containsExactly("credits_spent",
                "credits_per_period", "data_credits_spent", "period_start");
        assertThat(json.path("cost").isNull()).as("no cost ledger topic yet").isTrue();
        assertThat(json.path("clay_callbacks").path("overdue").asLong()).as("no ledger figures read: 0").isZero();
        assertThat(json.path("funnel").fieldNames()).toIterable().containsExactly("raw", "invalid",
                "duplicates_dropped", "waiting_in_throttle", "released", "enriched");
        assertThat(json.path("funnel").path("raw").asLong()).isEqualTo(1_234_567);
        assertThat(json.path("funnel").path("enriched").isNull()).as("not known yet").isTrue();
        assertThat(json.path("unrouted").asLong()).isEqualTo(1_500);
        assertThat(json.path("connect").path("connectors").path(0).fieldNames()).toIterable()
                .containsExactly("name", "type", "state", "worker_id", "trace", "tasks", "progress");
        assertThat(json.path("connect").path("connectors").path(0).path("tasks").path(0).fieldNames()).toIterable()
                .containsExactly("id", "state", "worker_id", "trace");
        assertThat(json.path("check").path("exit_code").asInt()).isEqualTo(StatusProblem.CONNECTOR_FAILED.exitCode());
    }

    @Test
    void theClayLedgersOverdueRowsShowPerTableWithTheOldestOpenRowsAge() throws Exception {
        Instant now = Instant.parse("2026-12-03T09:00:00Z");
        ClayCallbacks callbacks = new ClayCallbacks(now, Map.of(
                "main", new ClayLedger.Summary(12, 3, now.minusSeconds(2_700).toEpochMilli(), 7, 4, 2),
                "slow", new ClayLedger.Summary(0, 0, 0, 0, 0, 0)));

        String text = ClayCallbacksView.text(callbacks);
        ObjectNode json = new ObjectMapper().createObjectNode();
        ClayCallbacksView.json(json, callbacks);

        assertThat(text).contains("3  overdue, table main: 12 awaiting a callback, the oldest for 45 min; 4 late, "
                + "2 re-sent").contains("0  overdue, table slow: 0 awaiting a callback; 0 late");
        assertThat(json.path("clay_callbacks").path("overdue").asLong()).isEqualTo(3);
        assertThat(json.path("clay_callbacks").path("tables").path("main").path("oldest_open_age_seconds").asLong())
                .isEqualTo(2_700);
        assertThat(ClayCallbacksView.text(null)).contains("overdue 0");
    }

    @Test
    void aPausedClaySinkSaysWhyInTheTableAndTheJson() throws Exception {
        String why = "tables-full: no Clay table can take a row: a full (300 of 300 rows). Rows wait, none skipped; "
                + "add a table to clay.tables to resume (since 2026-12-03T10:15:00Z)";
        PipelineStatus paused = new PipelineStatus(AT, 500L, 0L, 0L, 0L, 500L, Map.of(), Map.of(), 300L, Map.of(),
                0L, Map.of(), 0L, Map.of(), 0L, AT, null, null, Map.of("clay-webhook-sink", why));

        String table = new StatusTable(50_000, null).render(paused, "localhost:9092");
        JsonNode json = new ObjectMapper().readTree(StatusJson.render(new StatusReport(paused, "localhost:9092",
                connect(), new StatusChecks(null, null).judge(paused, connect()), 50_000, null)));

        assertThat(table).containsPattern("Clay sending paused\\s+paused  clay-webhook-sink: tables-full: ")
                .contains("a full (300 of 300 rows)");
        assertThat(json.path("clay_sink_paused").path("clay-webhook-sink").asText()).isEqualTo(why);
        assertThat(new StatusTable(50_000, null).render(reading(), "localhost:9092"))
                .doesNotContain("Clay sending paused");
    }

    @Test
    void aCrmSourceShowsHowFarItReadAndItsLastSearchInTheTableAndTheJson() throws Exception {
        SourceProgress read = new SourceProgress(AT.minusSeconds(95), AT.minusSeconds(3));
        ConnectView connect = new ConnectView("http://connect:8083", List.of(
                new ConnectorState("hubspot-source", "source", "RUNNING", "10.0.0.1:8083", null,
                        List.of(new ConnectorState.TaskState(0, "RUNNING", "10.0.0.1:8083", null)), read),
                new ConnectorState("never-read-source", "source", "RUNNING", null, null, List.of(),
                        new SourceProgress(null, null)),
                new ConnectorState("clay-webhook-sink", "sink", "RUNNING", null, null, List.of())), null);
        StatusReport report = report(connect, new StatusChecks(null, null));

        String table = new StatusTable(50_000, null).render(report);
        JsonNode json = new ObjectMapper().readTree(StatusJson.render(report));

        assertThat(table).containsPattern("connector hubspot-source\\s+RUNNING\\R\\s+lag hubspot-source\\s+95 s  "
                        + "read up to 2026-12-03T10:13:55Z, last search 3 s ago")
                .containsPattern("lag never-read-source\\s+n/a  no offset yet, last search unknown")
                .doesNotContain("lag clay-webhook-sink");
        JsonNode source = json.path("connect").path("connectors").get(0);
        assertThat(source.path("name").asText()).isEqualTo("hubspot-source");
        assertThat(source.path("state").asText()).as("existing fields kept").isEqualTo("RUNNING");
        assertThat(source.path("progress").path("read_up_to").asText()).isEqualTo("2026-12-03T10:13:55Z");
        assertThat(source.path("progress").path("lag_ms").asLong()).isEqualTo(95_000);
        assertThat(source.path("progress").path("last_search_at").asText()).isEqualTo("2026-12-03T10:15:27Z");
        assertThat(source.path("progress").path("since_last_search_ms").asLong()).isEqualTo(3_000);
        assertThat(json.path("connect").path("connectors").get(1).path("progress").path("lag_ms").isNull()).isTrue();
        assertThat(json.path("connect").path("connectors").get(2).path("progress").isNull()).isTrue();
        assertThat(StatusTable.age(java.time.Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(StatusTable.age(java.time.Duration.ofHours(30))).isEqualTo("30 h");
    }

    @Test
    void theSourcesProgressIsReadFromItsOffsetsAndTheWorkersGauge() {
        String offsets = "{\"offsets\":[{\"partition\":{\"object\":\"contacts\"},\"offset\":{\"lastmodified\":"
                + "1796292930000,\"id\":42}},{\"partition\":{\"topic\":\"hubspot.contact.changes\",\"partition\":0},"
                + "\"offset\":{\"offset\":7}}]}";
        String scrape = "# TYPE clayflow_connect_last_search_ms gauge\n"
                + "clayflow_connect_last_search_ms{connector=\"other-source\",task=\"0\",} 1.9E12\n"
                + "clayflow_connect_last_search_ms{connector=\"hubspot-source\",task=\"0\",} 1.796292950123E12\n"
                + "clayflow_connect_change_lag_ms{connector=\"hubspot-source\",task=\"0\",} 20000.0\n";

        assertThat(SourceProgressReader.readUpTo(offsets)).isEqualTo(java.time.Instant.ofEpochMilli(1796292930000L));
        assertThat(SourceProgressReader.readUpTo("{\"offsets\":[]}")).isNull();
        assertThat(SourceProgressReader.readUpTo("not json")).isNull();
        assertThat(SourceProgressReader.lastSearch(scrape, "hubspot-source"))
                .isEqualTo(java.time.Instant.ofEpochMilli(1796292950123L));
        assertThat(SourceProgressReader.lastSearch(scrape, "hubspot")).as("a whole label, not a prefix").isNull();
        assertThat(SourceProgressReader.lastSearch("clayflow_connect_last_search_ms{connector=\"hubspot-source\"} "
                + "0.0\n", "hubspot-source")).as("no search yet").isNull();
    }

    @Test
    void checkPicksTheMostUrgentCodeAndListsEveryProblem() {
        StatusChecks.Verdict all = new StatusChecks(10L, 100L).judge(reading(), connect());
        StatusChecks.Verdict lagAndDlq = new StatusChecks(10L, 100L).judge(reading(),
                new ConnectView("http://connect:8083", List.of(), null));
        StatusChecks.Verdict unreachable = new StatusChecks(null, null).judge(reading(),
                ConnectView.unreachable("http://connect:8083", "refused"));
        StatusChecks.Verdict none = new StatusChecks(20L, 500L).judge(reading(),
                new ConnectView("http://connect:8083", List.of(), null));

        assertThat(all.exitCode()).isEqualTo(StatusProblem.CONNECTOR_FAILED.exitCode());
        assertThat(all.problems()).extracting(StatusChecks.Problem::kind).containsExactly("connector_failed",
                "lag_above_threshold", "dead_letters_above_threshold");
        assertThat(lagAndDlq.exitCode()).isEqualTo(StatusProblem.LAG_ABOVE_THRESHOLD.exitCode());
        assertThat(unreachable.exitCode()).isEqualTo(StatusProblem.CONNECT_UNREACHABLE.exitCode());
        assertThat(none.exitCode()).isZero();
        assertThat(none.problems()).isEmpty();
    }

    private static PipelineStatus reading() {
        return new PipelineStatus(AT, 1_234_567L, 12L, 3L, 0L, 1_000_000L, Map.of("connect-clay-webhook-sink", 7L),
                Map.of("clayflow-intake", 0L, "connect-clay-webhook-sink", 450L), null, Map.of("crm", 2L), 1_500L,
                Map.of("intake.validate", Map.of("email.syntax", 12L)), 0L, Map.of("a1b2c3d4e5f6", 31_250L),
                12_345L, AT, null, null, Map.of());
    }

    private static ConnectView connect() {
        return new ConnectView("http://connect:8083", List.of(new ConnectorState("clay-webhook-sink", "sink",
                "RUNNING", "10.0.0.1:8083", null, List.of(new ConnectorState.TaskState(0, "FAILED", "10.0.0.1:8083",
                        "org.apache.kafka.connect.errors.ConnectException: Clay refused the webhook token")))), null);
    }

    private static StatusReport report(ConnectView connect, StatusChecks checks) {
        return new StatusReport(reading(), "localhost:9092", connect, checks.judge(reading(), connect), 50_000,
                10_000L);
    }
}
