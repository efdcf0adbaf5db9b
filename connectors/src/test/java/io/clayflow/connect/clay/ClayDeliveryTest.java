package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.DeadLetters;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.schemas.ClaySinkState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Table by table, against loopback webhooks answering from a script. */
class ClayDeliveryTest {

    private final Metrics registry = new Metrics();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final List<String> deadLettered = new ArrayList<>();
    private ScriptedWebhook tableA;
    private ScriptedWebhook tableB;
    private SendingState state;
    private TableRows rows;
    private ClayWebhookSinkConfig config;

    @BeforeEach
    void start() throws IOException {
        tableA = new ScriptedWebhook();
        tableB = new ScriptedWebhook();
    }

    @AfterEach
    void stop() {
        tableA.close();
        tableB.close();
        registry.close();
    }

    @Test
    void fillsTableAToItsCapThenTableBOneObjectPerRowAndPausesWhenBothAreFull() {
        IntStream.range(0, 3).forEach(i -> tableA.then(200));
        IntStream.range(0, 3).forEach(i -> tableB.then(200));
        ClayDelivery delivery = delivery(Map.of("clay.tables.row.cap", "3"));

        assertThatThrownBy(() -> delivery.deliver(rows(0, 8)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.retryAfter())
                        .contains(ClayDelivery.TABLES_FULL_RECHECK));

        assertThat(tableA.received()).hasSize(3).allSatisfy(request -> assertThat(request.body()).startsWith("{"));
        assertThat(tableB.received()).hasSize(3);
        assertThat(rows.rows(config.tables().get(0))).isEqualTo(3);
        assertThat(state.reason()).isEqualTo(SendingState.Reason.TABLES_FULL);
        assertThat(store.entries.get(ClaySinkState.pauseKey("clay-sink")))
                .startsWith("tables-full: no Clay table can take a row: a full (3 of 3 rows), b full (3 of 3 rows)");
        assertThat(store.entries).containsEntry(ClaySinkState.tableRowsKey("clay-sink", "b"), "3");
    }

    @Test
    void eachRequestClayTookIsRecordedInOneWriteOfTheState() throws Exception {
        IntStream.range(0, 4).forEach(i -> tableA.then(200));
        ClayDelivery delivery = delivery(Map.of());
        int before = store.saves;

        delivery.deliver(rows(0, 4));

        assertThat(store.saves - before).as("writes for 4 requests").isEqualTo(4);
        assertThat(store.entries).containsEntry(ClaySinkState.tableRowsKey("clay-sink", "a"), "4")
                .containsEntry(WebhookQuota.key(tableA.url()), "4")
                .containsEntry(ClaySinkState.progressKey("clay-sink", "leads.clay.outbox", 0), "4@");
    }

    @Test
    void anArrayTableTakesRowsInBatchesThatStopAtItsCap() {
        tableA.then(200).then(200);
        tableB.then(200);
        ClayDelivery delivery = delivery(Map.of("clay.table.a.row.cap", "7", "clay.table.a.format", "array",
                "batch.max.rows", "5", "clay.table.b.row.cap", "1"));

        assertThatThrownBy(() -> delivery.deliver(rows(0, 10))).as("table b is full after one row")
                .isInstanceOf(UnavailableException.class);

        assertThat(tableA.received()).extracting(request -> request.body().split("lead_id").length - 1)
                .as("rows per request").containsExactly(5, 2);
        assertThat(tableB.received()).hasSize(1);
    }

    @Test
    void a402PausesEveryTableForTheProbeIntervalAndTheNextSuccessEndsThePause() throws Exception {
        tableA.then(402, null, "{\"code\":\"credits_exhausted\"}").then(200);
        ClayDelivery delivery = delivery(Map.of("clay.credits.probe.interval.ms", "1500"));

        assertThatThrownBy(() -> delivery.deliver(rows(0, 1)))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofMillis(1500)));
        assertThat(state.reason()).isEqualTo(SendingState.Reason.CREDITS_EXHAUSTED);
        assertThat(store.entries.get(ClaySinkState.pauseKey("clay-sink"))).startsWith("credits-exhausted: ");
        assertThat(deadLettered).as("nothing dead-lettered or skipped").isEmpty();
        assertThat(rows.rows(config.tables().get(0))).isZero();

        delivery.deliver(rows(0, 1));

        assertThat(state.reason()).isEqualTo(SendingState.Reason.SENDING);
        assertThat(store.entries).doesNotContainKey(ClaySinkState.pauseKey("clay-sink"));
        assertThat(tableB.received()).isEmpty();
    }

    @Test
    void aRefusedArrayIsNarrowedToSingleObjectsAndOnlyTheBadRowIsDeadLettered() {
        tableA.then(400, null, "{\"code\":\"bad_row\"}").then(200).then(400, null, "{\"code\":\"bad_row\"}")
                .then(200);
        ClayDelivery delivery = delivery(Map.of("clay.table.a.format", "array"));

        try {
            delivery.deliver(rows(0, 3));
        } catch (UnavailableException e) {
            throw new AssertionError(e);
        }

        assertThat(tableA.received()).extracting(request -> request.body().charAt(0)).containsExactly('[', '{', '{',
                '{');
        assertThat(deadLettered).containsExactly("lead-1");
    }

    private ClayDelivery delivery(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(ClayWebhookSinkConfigTest.minimal());
        props.remove("clay.webhook.urls");
        props.put("name", "clay-sink");
        props.put("clay.tables", "a,b");
        props.put("clay.table.a.webhook.urls", tableA.url().toString());
        props.put("clay.table.b.webhook.urls", tableB.url().toString());
        props.put("rate.limit.rows.per.second", "1000");
        props.putAll(overrides);
        config = new ClayWebhookSinkConfig(props);
        StateWriteBatch batch = new StateWriteBatch(store);
        WebhookQuota quota = new WebhookQuota(config.allWebhooks(), config.submissionLimit(), 0.8, batch,
                store.load());
        rows = new TableRows("clay-sink", config.tables(), batch, store.load(), quota);
        TableRouter router = new TableRouter(config.tables(), rows, quota);
        state = new SendingState("clay-sink", batch, store.load(), Clock.systemUTC());
        ClayProgress progress = new ClayProgress("clay-sink", batch, topics -> Map.of(), store.load());
        SinkMetrics sinkMetrics = new SinkMetrics(new PluginMetricsImpl(registry, Map.of("task", "0")));
        ClaySinkMetrics metrics = new ClaySinkMetrics(sinkMetrics, quota, progress);
        metrics.tables(sinkMetrics, router, rows, state);
        DeadLetters deadLetters = new DeadLetters((record, error) -> {
            deadLettered.add(record.key().toString());
            return CompletableFuture.completedFuture(null);
        }, () -> { });
        return new ClayDelivery(new ClayDelivery.Parts(ResilientWebhookSender.create(config, () -> { }), router, rows,
                quota, progress, metrics, state, deadLetters, () -> { }, batch), config.requestLimits(),
                config.creditsProbeInterval());
    }

    private static List<ClayRow> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(TestRows::row).toList();
    }
}
