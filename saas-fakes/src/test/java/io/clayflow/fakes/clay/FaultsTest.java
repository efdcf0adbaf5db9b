package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    private CallbackReceiver receiver;
    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        receiver = CallbackReceiver.start();
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("t")
                .enrichmentDelay(Duration.ofMillis(10)).callback(receiver.url(), "cb-token").build());
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.close();
    }

    @Test
    void aWebhookErrorRateOfOneAnswersEveryRequest503AndAddsNothing() {
        simulator.setFaults(Faults.none().withWebhookErrorRate(1.0));

        IntStream.range(0, 5).forEach(i ->
                assertThat(post(simulator.webhookUrl("t"), lead("L" + i).encode()).statusCode()).isEqualTo(503));

        assertThat(simulator.rowLeadIds("t")).isEmpty();
        assertThat(simulator.stats().requestsWithStatus(503)).isEqualTo(5);
        assertThat(simulator.stats().refused(Refusal.FAULT)).isEqualTo(5);
    }

    @Test
    void aForced503IsClayDown() {
        simulator.setFaults(Faults.none().withForcedStatus(503));

        assertThat(post(simulator.webhookUrl("t"), lead("L1").encode()).statusCode()).isEqualTo(503);

        simulator.setFaults(Faults.none());
        assertThat(post(simulator.webhookUrl("t"), lead("L1").encode()).statusCode()).isEqualTo(200);
    }

    @Test
    void aForced429IsA429StormWithRetryAfter() {
        simulator.setFaults(Faults.none().withForcedStatus(429));

        HttpResponse<String> response = post(simulator.webhookUrl("t"), lead("L1").encode());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aTimeoutRateOfOneNeverAnswersWithinTheClientsTimeout() {
        simulator.setFaults(Faults.none().withWebhookTimeouts(1.0, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> Http.CLIENT.send(Http.request(simulator.webhookUrl("t"))
                        .timeout(Duration.ofMillis(500)).POST(BodyPublishers.ofString(lead("L1").encode())).build(),
                BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(simulator.stats().requestsByStatus()).containsEntry("timeout", 1L);
    }

    @Test
    void slowAnswersTakeAtLeastTheAddedLatency() {
        simulator.setFaults(Faults.none().withWebhookLatency(Duration.ofMillis(300)));

        long started = System.nanoTime();
        HttpResponse<String> response = post(simulator.webhookUrl("t"), lead("L1").encode());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDuplicateRateOfOneCallsBackTwicePerRow() {
        simulator.setFaults(Faults.none().withCallbackDuplicateRate(1.0));

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received()).extracting(CallbackReceiver.Received::leadId).containsExactly("L1", "L1");
        assertThat(simulator.stats().callbacksDuplicated()).isEqualTo(1);
        assertThat(simulator.stats().callbacksSent()).isEqualTo(2);
    }

    @Test
    void aCallbackFailureRateOfOneSendsNothingAndCountsEachRowFailed() {
        simulator.setFaults(Faults.none().withCallbackFailureRate(1.0));

        post(simulator.webhookUrl("t"), new JsonArray().add(lead("L1")).add(lead("L2")).encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksFailed() == 2);
        assertThat(receiver.received()).isEmpty();
        assertThat(simulator.stats().callbackAttempts()).isZero();
    }

    @Test
    void reorderedCallbacksAllArrive() {
        simulator.setFaults(Faults.none().withCallbackReorder(1.0, Duration.ofMillis(300)));
        JsonArray rows = new JsonArray();
        IntStream.range(0, 10).forEach(i -> rows.add(lead("L" + i)));

        post(simulator.webhookUrl("t"), rows.encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 10);
        assertThat(receiver.received()).extracting(CallbackReceiver.Received::leadId)
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(row -> ((JsonObject) row).getString("lead_id")).toList());
    }

    @Test
    void faultsAreSetAndReadOverHttp() {
        HttpResponse<String> put = Http.put(simulator.baseUrl() + "/admin/faults",
                new JsonObject().put("webhook_error_rate", 1.0).put("callback_duplicate_rate", 0.5).encode());

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(simulator.faults()).isEqualTo(Faults.none().withWebhookErrorRate(1.0).withCallbackDuplicateRate(0.5));
        assertThat(json(Http.get(simulator.baseUrl() + "/admin/faults")).getDouble("webhook_error_rate")).isEqualTo(1.0);
        assertThat(post(simulator.webhookUrl("t"), lead("L1").encode()).statusCode()).isEqualTo(503);

        assertThat(Http.put(simulator.baseUrl() + "/admin/faults", "{}").statusCode()).isEqualTo(200);
        assertThat(simulator.faults()).isEqualTo(Faults.none());
    }

    @Test
    void anUnknownOrOutOfRangeFaultIsRefusedNamingIt() {
        HttpResponse<String> unknown = Http.put(simulator.baseUrl() + "/admin/faults",
                new JsonObject().put("webhook_eror_rate", 1.0).encode());
        HttpResponse<String> outOfRange = Http.put(simulator.baseUrl() + "/admin/faults",
                new JsonObject().put("webhook_error_rate", 2.0).encode());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).getString("message")).contains("webhook_eror_rate");
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(json(outOfRange).getString("message")).contains("webhook_error_rate");
    }

    @Test
    void theSameSeedInjectsTheSameFaults() {
        Faults half = Faults.none().withWebhookErrorRate(0.5);
        FaultInjector first = new FaultInjector(half, 99);
        FaultInjector second = new FaultInjector(half, 99);

        IntStream.range(0, 50).forEach(i ->
                assertThat(second.onWebhookRequest(half)).isEqualTo(first.onWebhookRequest(half)));
    }
}
