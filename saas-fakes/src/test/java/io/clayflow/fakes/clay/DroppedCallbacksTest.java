package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The callback-failure switch: rows whose column fails never call back, and the admin API lists exactly those. */
class DroppedCallbacksTest {

    private CallbackReceiver receiver;
    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        receiver = CallbackReceiver.start();
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("t").rateLimit(1_000, 1_000)
                .enrichmentDelay(Duration.ofMillis(5)).callback(CallbackConfig.to(receiver.url(), "cb"))
                .faults(Faults.none().withCallbackFailureRate(0.2)).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.close();
    }

    @Test
    void theDroppedLeadIdsAreExactlyTheRowsThatNeverCalledBack() throws Exception {
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> "L" + i).toList();
        for (int i = 0; i < ids.size(); i += 10) {
            JsonArray batch = new JsonArray();
            ids.subList(i, i + 10).forEach(id -> batch.add(lead(id)));
            post(simulator.webhookUrl("t"), batch.encode());
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size()
                + simulator.droppedCallbackLeadIds().size() == ids.size());
        Set<String> calledBack = new HashSet<>();
        receiver.received().forEach(callback -> calledBack.add(callback.leadId()));
        Set<String> expected = new HashSet<>(ids);
        expected.removeAll(calledBack);
        assertThat(simulator.droppedCallbackLeadIds()).as("about 20% dropped").hasSizeBetween(20, 60)
                .containsExactlyInAnyOrderElementsOf(expected);

        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/admin/callbacks/dropped")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject body = new JsonObject(listed.body());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(body.getInteger("count")).isEqualTo(expected.size());
        assertThat(body.getJsonArray("dropped").getJsonObject(0).getString("why"))
                .isEqualTo(DroppedCallbacks.COLUMN_FAILED);
    }
}
