package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClayTableTest {

    private ClaySimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void rowsPastTheRowCapAreAnswered200ButSilentlyNotAdded() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0)
                .webhook(WebhookConfig.of("t").withRowCap(2)).build());

        HttpResponse<String> response = post(simulator.webhookUrl("t"),
                new JsonArray().add(lead("L1")).add(lead("L2")).add(lead("L3")).encode());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("t")).containsExactly("L1", "L2");
        assertThat(simulator.stats().refused(Refusal.TABLE_FULL)).isEqualTo(1);
        assertThat(simulator.webhookStats("t").submissions()).as("still a submission").isEqualTo(3);
    }

    @Test
    void theTableDedupesOnLeadId() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("t").build());

        post(simulator.webhookUrl("t"), new JsonArray().add(lead("L1")).add(lead("L2")).encode());
        HttpResponse<String> replay = post(simulator.webhookUrl("t"),
                new JsonArray().add(lead("L2")).add(lead("L1")).add(lead("L3")).encode());

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("t")).containsExactly("L1", "L2", "L3");
        assertThat(simulator.stats().refused(Refusal.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void withDedupeOffEveryRowIsAdded() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).tableDedupe(false).webhook("t").build());

        post(simulator.webhookUrl("t"), new JsonArray().add(lead("L1")).add(lead("L1")).encode());

        assertThat(simulator.rowLeadIds("t")).containsExactly("L1", "L1");
        assertThat(simulator.stats().refused(Refusal.DUPLICATE)).isZero();
    }

    @Test
    void rowsAreKeptAsReceived() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).webhook("t").build());

        post(simulator.webhookUrl("t"), lead("L1").put("custom_column", "x").encode());

        assertThat(simulator.rows("t")).containsExactly(lead("L1").put("custom_column", "x"));
    }
}
