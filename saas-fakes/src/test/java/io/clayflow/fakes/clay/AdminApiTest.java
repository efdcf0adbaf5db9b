package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.get;
import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(0.001, 6)
                .webhook(WebhookConfig.of("t").withToken("tok").withRowCap(3)).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void statsCountRowsReceivedAddedAndRefusedByReasonAndRequestsByStatus() {
        String url = simulator.webhookUrl("t");
        post(url, new JsonArray().add(lead("L1")).add(lead("L2")).encode(), "x-clay-webhook-auth", "tok");
        post(url, new JsonArray().add(lead("L2")).add(lead("L3")).add(lead("L4")).encode(), "x-clay-webhook-auth", "tok");
        post(url, lead("L5").encode());
        post(url, new JsonObject().put("no", "id").encode(), "x-clay-webhook-auth", "tok");
        post(url, new JsonArray().add(lead("L6")).add(lead("L7")).encode(), "x-clay-webhook-auth", "tok");

        JsonObject stats = json(get(simulator.baseUrl() + "/admin/stats"));

        assertThat(stats.getJsonObject("requests").getLong("total")).isEqualTo(5);
        assertThat(stats.getJsonObject("requests").getJsonObject("by_status").getMap())
                .containsEntry("200", 2).containsEntry("401", 1).containsEntry("400", 1).containsEntry("429", 1);
        JsonObject rows = stats.getJsonObject("rows");
        assertThat(rows.getLong("received")).isEqualTo(9);
        assertThat(rows.getLong("added")).isEqualTo(3);
        assertThat(rows.getJsonObject("refused").getMap())
                .containsEntry("duplicate", 1).containsEntry("table_full", 1).containsEntry("auth", 1)
                .containsEntry("bad_row", 1).containsEntry("rate_limited", 2).containsEntry("cap_reached", 0)
                .containsEntry("too_large", 0);
        assertThat(stats.getJsonObject("callbacks").getMap()).containsEntry("sent", 0).containsEntry("failed", 0);
        assertThat(stats.getJsonObject("webhooks").getJsonObject("t").getMap())
                .containsEntry("submissions", 5).containsEntry("rows", 3).containsEntry("row_cap", 3);
        assertThat(simulator.stats().toJson()).isEqualTo(stats);
    }

    @Test
    void everyRowReceivedIsAddedOrRefusedOnce() {
        String url = simulator.webhookUrl("t");
        post(url, new JsonArray().add(lead("L1")).add(lead("L1")).encode(), "x-clay-webhook-auth", "tok");
        post(url, "not json", "x-clay-webhook-auth", "tok");
        post(simulator.webhookUrl("missing"), lead("L2").encode());

        SimulatorStats stats = simulator.stats();

        long refused = stats.rowsRefused().values().stream().mapToLong(Long::longValue).sum();
        assertThat(stats.rowsAdded() + refused).isEqualTo(stats.rowsReceived()).isEqualTo(4);
    }

    @Test
    void rowsListsTheTablesLeadIdsAndRows() {
        post(simulator.webhookUrl("t"), new JsonArray().add(lead("L1")).add(lead("L2")).encode(),
                "x-clay-webhook-auth", "tok");

        JsonObject rows = json(get(simulator.baseUrl() + "/admin/rows?webhook=t"));

        assertThat(rows.getInteger("count")).isEqualTo(2);
        assertThat(rows.getJsonArray("lead_ids")).containsExactly("L1", "L2");
        assertThat(rows.getJsonArray("rows").getJsonObject(0)).isEqualTo(lead("L1"));
        assertThat(get(simulator.baseUrl() + "/admin/rows?webhook=nope").statusCode()).isEqualTo(404);
        assertThat(get(simulator.baseUrl() + "/admin/rows").statusCode()).isEqualTo(400);
    }

    @Test
    void webhooksListsEachWithItsUrlAndUsageButNotItsToken() {
        JsonObject listed = json(get(simulator.baseUrl() + "/admin/webhooks")).getJsonArray("webhooks").getJsonObject(0);

        assertThat(listed.getString("url")).isEqualTo(simulator.webhookUrl("t"));
        assertThat(listed.getBoolean("token_set")).isTrue();
        assertThat(listed.encode()).doesNotContain("tok\"");
    }

    @Test
    void aBadWebhookDefinitionIsRefusedWith400() {
        assertThat(post(simulator.baseUrl() + "/admin/webhooks", "{\"id\":\"has space\"}").statusCode()).isEqualTo(400);
        assertThat(post(simulator.baseUrl() + "/admin/webhooks", "{}").statusCode()).isEqualTo(400);
        assertThat(post(simulator.baseUrl() + "/admin/webhooks", "[").statusCode()).isEqualTo(400);
    }

    @Test
    void healthIsUp() {
        assertThat(get(simulator.baseUrl() + "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void startsOnACallersVertxAndLeavesItOpen() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ClaySimulator onShared = ClaySimulator.start(vertx, SimulatorConfig.builder().port(0).webhook("s").build())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(post(onShared.webhookUrl("s"), lead("L1").encode()).statusCode()).isEqualTo(200);

            onShared.close();

            assertThat(vertx.setTimer(1, id -> { })).as("the caller's Vert.x still runs").isNotNegative();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
