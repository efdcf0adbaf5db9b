package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0)
                .webhook("open")
                .webhook(WebhookConfig.of("locked").withToken("s3cret"))
                .build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void webhookUrlNamesTheLoopbackPortAndId() {
        assertThat(simulator.webhookUrl("open")).isEqualTo("http://127.0.0.1:" + simulator.port() + "/webhooks/open");
    }

    @Test
    void acceptsASingleJsonObjectAsOneRow() {
        HttpResponse<String> response = post(simulator.webhookUrl("open"), lead("L1").encode());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("open")).containsExactly("L1");
    }

    @Test
    void acceptsAnArrayAsOneRowPerElement() {
        JsonArray rows = new JsonArray().add(lead("L1")).add(lead("L2")).add(lead("L3"));

        HttpResponse<String> response = post(simulator.webhookUrl("open"), rows.encode());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).getInteger("rows")).isEqualTo(3);
        assertThat(simulator.rowLeadIds("open")).containsExactly("L1", "L2", "L3");
    }

    @Test
    void refusesAMissingOrWrongWebhookTokenWith401AndTakesTheRightOne() {
        HttpResponse<String> missing = post(simulator.webhookUrl("locked"), lead("L1").encode());
        HttpResponse<String> wrong = post(simulator.webhookUrl("locked"), lead("L1").encode(),
                "x-clay-webhook-auth", "guess");
        HttpResponse<String> right = post(simulator.webhookUrl("locked"), lead("L1").encode(),
                "x-clay-webhook-auth", "s3cret");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).getString("code")).isEqualTo("unauthorized");
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(simulator.rowLeadIds("locked")).containsExactly("L1");
        assertThat(simulator.stats().refused(Refusal.AUTH)).isEqualTo(2);
    }

    @Test
    void refusesABodyOver100KbWith413AndTakesOneJustUnder() {
        String over = bodyOfExactly(SimulatorConfig.DEFAULT_MAX_BODY_BYTES + 1);
        String under = bodyOfExactly(SimulatorConfig.DEFAULT_MAX_BODY_BYTES);

        HttpResponse<String> refused = post(simulator.webhookUrl("open"), over);
        HttpResponse<String> accepted = post(simulator.webhookUrl("open"), under);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(json(refused).getString("code")).isEqualTo("payload_too_large");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(simulator.stats().refused(Refusal.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void refusesASingleRowWithoutLeadIdWith400SayingWhy() {
        HttpResponse<String> response = post(simulator.webhookUrl("open"), new JsonObject().put("email", "a@b.co").encode());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject error = json(response);
        assertThat(error.getString("code")).isEqualTo("bad_row");
        assertThat(error.getString("message")).isEqualTo("row 0: lead_id is missing");
        assertThat(simulator.rowLeadIds("open")).isEmpty();
    }

    @Test
    void refusesAWholeArrayWith400NamingEachBadIndex() {
        JsonArray rows = new JsonArray().add(lead("L1")).add(new JsonObject().put("lead_id", ""))
                .add(lead("L3")).add("not a row");

        HttpResponse<String> response = post(simulator.webhookUrl("open"), rows.encode());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonArray errors = json(response).getJsonArray("errors");
        assertThat(errors.getJsonObject(0).getMap())
                .containsEntry("index", 1).containsEntry("reason", "lead_id must be a non-empty string");
        assertThat(errors.getJsonObject(1).getMap())
                .containsEntry("index", 3).containsEntry("reason", "the row is not a JSON object");
        assertThat(simulator.rowLeadIds("open")).as("nothing of a refused request is added").isEmpty();
        assertThat(simulator.stats().refused(Refusal.BAD_ROW)).isEqualTo(4);
    }

    @Test
    void refusesABodyThatIsNotJsonWith400() {
        HttpResponse<String> response = post(simulator.webhookUrl("open"), "lead_id=L1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).getString("code")).isEqualTo("bad_body");
    }

    @Test
    void answers404ForAnUnknownWebhook() {
        HttpResponse<String> response = post(simulator.webhookUrl("nope"), lead("L1").encode());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).getString("code")).isEqualTo("webhook_not_found");
    }

    /** A one-row array padded with an attribute to exactly {@code bytes} bytes of ASCII. */
    private static String bodyOfExactly(int bytes) {
        String empty = new JsonArray().add(lead("big").put("attributes", new JsonObject().put("pad", ""))).encode();
        String padded = new JsonArray().add(lead("big").put("attributes",
                new JsonObject().put("pad", "x".repeat(bytes - empty.length())))).encode();
        assertThat(padded).hasSize(bytes);
        return padded;
    }
}
