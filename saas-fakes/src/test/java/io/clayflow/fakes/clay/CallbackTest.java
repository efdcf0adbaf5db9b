package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallbackTest {

    private static final Duration ENRICHMENT_DELAY = Duration.ofMillis(20);
    private static final Duration NOTHING_HAPPENS_WINDOW = ENRICHMENT_DELAY.multipliedBy(25);

    private CallbackReceiver receiver;
    private ClaySimulator simulator;

    @BeforeEach
    void startReceiver() {
        receiver = CallbackReceiver.start();
    }

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        receiver.close();
    }

    private void startSimulator(CallbackConfig callback) {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("t")
                .enrichmentDelay(ENRICHMENT_DELAY).callback(callback).build());
    }

    @Test
    void postsTheEnrichedRowWithTheBearerTokenAndTheLeadIdEchoed() {
        startSimulator(CallbackConfig.to(receiver.url(), "cb-token"));

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        CallbackReceiver.Received callback = receiver.received().get(0);
        assertThat(callback.authorization()).isEqualTo("Bearer cb-token");
        assertThat(callback.contentType()).startsWith("application/json");
        assertThat(callback.leadId()).isEqualTo("L1");
        assertThat(callback.body()).isEqualTo(new LeadEnricher(SimulatorConfig.DEFAULT_SEED).enrich(lead("L1")));
        assertThat(simulator.stats().callbacksSent()).isEqualTo(1);
    }

    @Test
    void callsBackOncePerAddedRowAndNotForDuplicates() {
        startSimulator(CallbackConfig.to(receiver.url(), "cb-token"));

        post(simulator.webhookUrl("t"), new JsonArray().add(lead("L1")).add(lead("L2")).encode());
        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksSent() == 2);
        assertThat(receiver.received()).extracting(CallbackReceiver.Received::leadId)
                .containsExactlyInAnyOrder("L1", "L2");
    }

    @Test
    void retriesA5xxAndCountsOneCallbackSent() {
        startSimulator(CallbackConfig.to(receiver.url(), "cb-token").withRetries(3, Duration.ofMillis(10)));
        receiver.answerWith(500, 503);

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksSent() == 1);
        assertThat(receiver.received()).hasSize(3);
        assertThat(simulator.stats().callbackAttempts()).isEqualTo(3);
        assertThat(simulator.stats().callbacksFailed()).isZero();
    }

    @Test
    void givesUpAfterTheLastAttemptAndCountsTheFailure() {
        startSimulator(CallbackConfig.to(receiver.url(), "cb-token").withRetries(2, Duration.ofMillis(10)));
        receiver.answerWith(500, 500, 500);

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksFailed() == 1);
        assertThat(receiver.received()).hasSize(2);
        assertThat(simulator.stats().callbacksSent()).isZero();
    }

    @Test
    void doesNotRetryAClientError() {
        startSimulator(CallbackConfig.to(receiver.url(), "cb-token").withRetries(3, Duration.ofMillis(10)));
        receiver.answerWith(401);

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksFailed() == 1);
        assertThat(simulator.stats().callbackAttempts()).isEqualTo(1);
    }

    @Test
    void withoutACallbackUrlNothingIsCalled() {
        startSimulator(CallbackConfig.none());

        post(simulator.webhookUrl("t"), lead("L1").encode());

        assertThat(simulator.rowLeadIds("t")).containsExactly("L1");
        // A callback would be due 20 ms after the row was added: watch for 25 times that long, so a callback
        // attempted (or given up on) after the delay fails the test instead of happening after it ended.
        await().during(NOTHING_HAPPENS_WINDOW).atMost(NOTHING_HAPPENS_WINDOW.multipliedBy(4))
                .until(() -> simulator.stats().callbackAttempts() == 0 && simulator.stats().callbacksFailed() == 0
                        && simulator.stats().callbacksSent() == 0);
    }

    @Test
    void theCallbackBodyIsAJsonObjectTheGatewayCanRead() {
        startSimulator(CallbackConfig.to(receiver.url(), null));

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
        JsonObject body = receiver.received().get(0).body();
        assertThat(receiver.received().get(0).authorization()).isNull();
        assertThat(body.getString("seniority")).isEqualTo("vp");
        assertThat(body.getString("work_email")).isEqualTo("l1@acme.com");
    }
}
