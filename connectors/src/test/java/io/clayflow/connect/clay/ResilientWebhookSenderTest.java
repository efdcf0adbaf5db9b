package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientWebhookSenderTest {

    private final AtomicInteger responses429 = new AtomicInteger();
    private ScriptedWebhook webhook;

    @BeforeEach
    void start() throws IOException {
        webhook = new ScriptedWebhook();
    }

    @AfterEach
    void stop() {
        webhook.close();
    }

    @Test
    void retries429And5xxUntilClayTakesTheBatch() throws Exception {
        webhook.then(503).then(429).then(502).then(200);

        HttpReply response = sender(Map.of()).send(webhook.url(), List.of(TestRows.row(1)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(webhook.received()).hasSize(4);
        assertThat(responses429).as("each 429 counted as it comes").hasValue(1);
    }

    @Test
    void waitsAtLeastWhatRetryAfterSays() throws Exception {
        webhook.then(429, "1", "{\"error\":\"rate limited\"}").then(200);

        sender(Map.of()).send(webhook.url(), List.of(TestRows.row(1)));

        List<ScriptedWebhook.Received> requests = webhook.received();
        assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
                .as("our own backoff is 10 ms; Clay asked for 1 s").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void givesTheBatchBackAfterTheLastAttempt() {
        webhook.then(500).then(500).then(500);

        assertThatThrownBy(() -> sender(Map.of("retry.max.attempts", "3")).send(webhook.url(), List.of(TestRows.row(1))))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("after 3 attempts");
        assertThat(webhook.received()).hasSize(3);
    }

    @Test
    void returnsARefusalAtOnceWithoutRetrying() throws Exception {
        webhook.then(400, null, "{\"error\":\"row 0 has no lead_id\"}");

        HttpReply response = sender(Map.of()).send(webhook.url(), List.of(TestRows.row(1)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("no lead_id");
        assertThat(webhook.received()).hasSize(1);
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndStopsCallingClay() {
        for (int i = 0; i < 6; i++) {
            webhook.then(503);
        }
        ResilientWebhookSender sender = sender(Map.of("retry.max.attempts", "1", "circuit.minimum.calls", "3",
                "circuit.open.wait.ms", "60000"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> sender.send(webhook.url(), List.of(TestRows.row(1))))
                    .isInstanceOf(UnavailableException.class);
        }

        assertThat(sender.guard().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> sender.send(webhook.url(), List.of(TestRows.row(1))))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)))
                .hasMessageContaining("circuit is open");
        assertThat(webhook.received()).as("no request while open").hasSize(3);
    }

    @Test
    void sendsTheTokenInClaysHeader() throws Exception {
        webhook.then(200);

        sender(Map.of("clay.webhook.token", "tok-1")).send(webhook.url(), List.of(TestRows.row(1)));

        assertThat(webhook.received().get(0).token()).isEqualTo("tok-1");
    }

    private ResilientWebhookSender sender(Map<String, String> overrides) {
        Map<String, String> props = ClayWebhookSinkConfigTest.minimal();
        props.put("retry.backoff.initial.ms", "10");
        props.put("retry.backoff.max.ms", "50");
        props.put("rate.limit.rows.per.second", "1000");
        props.putAll(overrides);
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(props);
        return ResilientWebhookSender.create(config, responses429::incrementAndGet);
    }
}
