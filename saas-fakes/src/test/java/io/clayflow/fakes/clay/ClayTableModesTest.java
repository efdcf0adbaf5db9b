package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static io.clayflow.fakes.clay.Http.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The switches that make the simulator play the Clay of issue 16: what an array becomes, a workspace out of credits,
 * passthrough tables, late callbacks, and the pace it measures.
 */
class ClayTableModesTest {

    private ClaySimulator simulator;
    private CallbackReceiver receiver;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anArrayIsSplitIntoRowsByDefault() {
        start(SimulatorConfig.builder().port(0).webhook("t"));

        HttpResponse<String> answer = post(simulator.webhookUrl("t"), array("L1", "L2", "L3"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("t")).containsExactly("L1", "L2", "L3");
    }

    @Test
    void anArrayIsRefusedWholeWhenTheWorkspaceRefusesArraysWhileAnObjectIsStillOneRow() {
        start(SimulatorConfig.builder().port(0).webhook("t").arrayMode(ArrayMode.REFUSE));

        HttpResponse<String> array = post(simulator.webhookUrl("t"), array("L1", "L2"));
        HttpResponse<String> object = post(simulator.webhookUrl("t"), lead("L3").encode());

        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(json(array).getString("code")).isEqualTo("arrays_not_accepted");
        assertThat(object.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("t")).containsExactly("L3");
        assertThat(simulator.stats().refused(Refusal.ARRAY_REFUSED)).isEqualTo(2);
    }

    @Test
    void anArrayTakenAsOneRowIsAnswered2xxAndItsLeadsNeverCallBack() {
        receiver = CallbackReceiver.start();
        start(SimulatorConfig.builder().port(0).webhook("t").arrayMode(ArrayMode.ONE_ROW)
                .enrichmentDelay(Duration.ofMillis(10)).callback(receiver.url(), "cb"));

        HttpResponse<String> answer = post(simulator.webhookUrl("t"), array("L1", "L2", "L3"));
        post(simulator.webhookUrl("t"), lead("L4").encode());

        assertThat(answer.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().callbacksSent() == 1);
        assertThat(simulator.rows("t")).hasSize(2);
        assertThat(simulator.rows("t").get(0).containsKey("lead_id")).as("one row, no lead_id").isFalse();
        assertThat(simulator.webhookStats("t").submissions()).as("one submission for the array").isEqualTo(2);
        assertThat(simulator.stats().refused(Refusal.ARRAY_AS_ONE_ROW)).isEqualTo(3);
        assertThat(receiver.received()).extracting(CallbackReceiver.Received::leadId).containsExactly("L4");
    }

    @Test
    void outOfCreditsEveryRequestGets402UntilTheAdminApiGivesCreditsBack() {
        start(SimulatorConfig.builder().port(0).webhook("t"));

        HttpResponse<String> toggled = put(simulator.baseUrl() + "/admin/credits", "{\"exhausted\": true}");
        HttpResponse<String> refused = post(simulator.webhookUrl("t"), lead("L1").encode());
        put(simulator.baseUrl() + "/admin/credits", "{\"exhausted\": false}");
        HttpResponse<String> taken = post(simulator.webhookUrl("t"), lead("L1").encode());

        assertThat(json(toggled).getBoolean("exhausted")).isTrue();
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(json(refused).getString("code")).isEqualTo("credits_exhausted");
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("t")).containsExactly("L1");
        assertThat(simulator.stats().refused(Refusal.NO_CREDITS)).isEqualTo(1);
        assertThat(simulator.webhookStats("t").submissions()).as("a 402 uses no submission").isEqualTo(1);
        assertThat(put(simulator.baseUrl() + "/admin/credits", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void aFullTableAnswers2xxAndDropsTheRowWhileAPassthroughTableNeverFills() {
        start(SimulatorConfig.builder().port(0).webhook(WebhookConfig.of("capped").withRowCap(2))
                .webhook(WebhookConfig.of("pass").withRowCap(2).withPassthrough()));

        for (String id : new String[] {"L1", "L2", "L3"}) {
            assertThat(post(simulator.webhookUrl("capped"), lead(id).encode()).statusCode()).isEqualTo(200);
            assertThat(post(simulator.webhookUrl("pass"), lead(id).encode()).statusCode()).isEqualTo(200);
        }

        assertThat(simulator.rowLeadIds("capped")).containsExactly("L1", "L2");
        assertThat(simulator.stats().refused(Refusal.TABLE_FULL)).isEqualTo(1);
        assertThat(simulator.rowLeadIds("pass")).containsExactly("L1", "L2", "L3");
        assertThat(json(Http.get(simulator.baseUrl() + "/admin/webhooks")).getJsonArray("webhooks").getJsonObject(1)
                .getBoolean("passthrough")).isTrue();
    }

    @Test
    void lateCallbacksComeAfterTheirExtraDelay() {
        receiver = CallbackReceiver.start();
        start(SimulatorConfig.builder().port(0).webhook("t").enrichmentDelay(Duration.ofMillis(10))
                .callback(receiver.url(), "cb").faults(Faults.none().withLateCallbacks(1.0, Duration.ofMillis(800))));
        long sent = System.nanoTime();

        post(simulator.webhookUrl("t"), lead("L1").encode());

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> receiver.received().size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        assertThat(simulator.stats().toJson().getJsonObject("callbacks").getLong("late")).isEqualTo(1);
    }

    @Test
    void measuresTheMostRowsAndRequestsTakenInAnyWindow() {
        start(SimulatorConfig.builder().port(0).webhook("t").rateLimit(1_000, 1_000));

        post(simulator.webhookUrl("t"), array("L1", "L2", "L3"));
        post(simulator.webhookUrl("t"), lead("L4").encode());
        post(simulator.webhookUrl("t"), "not json");

        assertThat(simulator.maxRowsTakenInAnyWindow(Duration.ofSeconds(1))).isEqualTo(4);
        assertThat(simulator.maxRequestsTakenInAnyWindow(Duration.ofSeconds(1))).as("the 400 is not taken")
                .isEqualTo(2);
        assertThat(simulator.maxRowsTakenInAnyWindow(Duration.ofNanos(1))).isEqualTo(3);
    }

    @Test
    void theSwitchesAreSettingsOfTheApp() {
        SimulatorConfig config = SimulatorConfigLoader.fromProperties(Map.of("webhook.array.mode", "one-row",
                "workspace.credits.exhausted", "true", "webhooks", "a", "webhook.a.passthrough", "true",
                "faults.callback.late.rate", "0.5", "faults.callback.late.delay.ms", "5000"));

        assertThat(config.arrayMode()).isEqualTo(ArrayMode.ONE_ROW);
        assertThat(config.creditsExhausted()).isTrue();
        assertThat(config.webhooks().get(0).passthrough()).isTrue();
        assertThat(config.faults().callbackLateRate()).isEqualTo(0.5);
        assertThat(config.faults().callbackLateDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    private void start(SimulatorConfig.Builder builder) {
        simulator = ClaySimulator.start(builder.build());
    }

    private static String array(String... leadIds) {
        JsonArray array = new JsonArray();
        for (String id : leadIds) {
            array.add(lead(id));
        }
        return array.encode();
    }
}
