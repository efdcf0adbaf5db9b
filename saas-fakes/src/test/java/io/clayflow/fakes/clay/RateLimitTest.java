package io.clayflow.fakes.clay;

import static io.clayflow.fakes.clay.Http.json;
import static io.clayflow.fakes.clay.Http.lead;
import static io.clayflow.fakes.clay.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bucket of 2 that refills once in 1,000 s: nothing refills during a test, so every answer is deterministic. */
class RateLimitTest {

    private ClaySimulator simulator;

    @BeforeEach
    void start() {
        simulator = ClaySimulator.start(SimulatorConfig.builder().port(0).rateLimit(0.001, 2)
                .webhook("a").webhook("b").build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void refusesTheRowPastTheBurstWith429AndRetryAfterSeconds() {
        assertThat(post(simulator.webhookUrl("a"), lead("L1").encode()).statusCode()).isEqualTo(200);
        assertThat(post(simulator.webhookUrl("a"), lead("L2").encode()).statusCode()).isEqualTo(200);

        HttpResponse<String> third = post(simulator.webhookUrl("a"), lead("L3").encode());

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1000");
        assertThat(json(third).getString("code")).isEqualTo("rate_limited");
        assertThat(simulator.rowLeadIds("a")).containsExactly("L1", "L2");
        assertThat(simulator.stats().refused(Refusal.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void anArrayTakesOneTokenPerRow() {
        assertThat(post(simulator.webhookUrl("a"), new JsonArray().add(lead("L1")).add(lead("L2")).encode())
                .statusCode()).isEqualTo(200);

        assertThat(post(simulator.webhookUrl("a"), lead("L3").encode()).statusCode()).isEqualTo(429);
    }

    @Test
    void theLimitIsSharedByEveryWebhookOfTheWorkspace() {
        post(simulator.webhookUrl("a"), lead("L1").encode());
        post(simulator.webhookUrl("b"), lead("L2").encode());

        assertThat(post(simulator.webhookUrl("b"), lead("L3").encode()).statusCode()).isEqualTo(429);
    }

    @Test
    void refusedRequestsDoNotCountAgainstTheSubmissionCap() {
        post(simulator.webhookUrl("a"), new JsonArray().add(lead("L1")).add(lead("L2")).encode());
        post(simulator.webhookUrl("a"), lead("L3").encode());

        assertThat(simulator.webhookStats("a").submissions()).isEqualTo(2);
    }
}
