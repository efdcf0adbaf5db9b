package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmissionCapTest {

    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0)
                .webhook(WebhookConfig.of("w1").withSubmissionCap(3)).build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void refusesPastTheLifetimeCapWith403AndTheLimitCode() {
        assertThat(post(simulator.webhookUrl("w1"), new JsonArray().add(lead("L1")).add(lead("L2")).encode())
                .statusCode()).isEqualTo(200);
        assertThat(post(simulator.webhookUrl("w1"), lead("L3").encode()).statusCode()).isEqualTo(200);

        HttpResponse<String> past = post(simulator.webhookUrl("w1"), lead("L4").encode());

        assertThat(past.statusCode()).isEqualTo(403);
        JsonObject error = json(past);
        assertThat(error.getString("code")).isEqualTo("webhook_submission_limit_reached");
        assertThat(error.getString("message")).startsWith("webhook submission limit reached");
        assertThat(past.headers().firstValue("Retry-After")).isEmpty();
        assertThat(simulator.stats().refused(Refusal.CAP_REACHED)).isEqualTo(1);
    }

    @Test
    void refusesAWholeArrayThatWouldCrossTheCap() {
        post(simulator.webhookUrl("w1"), lead("L1").encode());

        HttpResponse<String> crossing = post(simulator.webhookUrl("w1"),
                new JsonArray().add(lead("L2")).add(lead("L3")).add(lead("L4")).encode());

        assertThat(crossing.statusCode()).isEqualTo(403);
        assertThat(simulator.rowLeadIds("w1")).containsExactly("L1");
        assertThat(simulator.webhookStats("w1").submissions()).isEqualTo(1);
    }

    @Test
    void duplicateRowsStillCountAsSubmissions() {
        post(simulator.webhookUrl("w1"), lead("L1").encode());
        post(simulator.webhookUrl("w1"), lead("L1").encode());
        post(simulator.webhookUrl("w1"), lead("L1").encode());

        assertThat(post(simulator.webhookUrl("w1"), lead("L2").encode()).statusCode()).isEqualTo(403);
    }

    @Test
    void aWebhookAddedAtRunTimeTakesRowsOnceTheFirstIsUsedUp() {
        post(simulator.webhookUrl("w1"), new JsonArray().add(lead("L1")).add(lead("L2")).add(lead("L3")).encode());
        assertThat(post(simulator.webhookUrl("w1"), lead("L4").encode()).statusCode()).isEqualTo(403);

        HttpResponse<String> added = post(simulator.baseUrl() + "/admin/webhooks",
                new JsonObject().put("id", "w2").put("submission_cap", 100).encode());

        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).getString("url")).isEqualTo(simulator.webhookUrl("w2"));
        assertThat(post(simulator.webhookUrl("w2"), lead("L4").encode()).statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("w2")).containsExactly("L4");
    }

    @Test
    void addingAWebhookWhoseIdExistsFails() {
        assertThatThrownBy(() -> simulator.addWebhook(WebhookConfig.of("w1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThat(post(simulator.baseUrl() + "/admin/webhooks", new JsonObject().put("id", "w1").encode())
                .statusCode()).isEqualTo(409);
    }
}
