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

        HttpReply response = send(sender(Map.of()), List.of(TestRows.row(1)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(webhook.received()).hasSize(4);
        assertThat(responses429).as("each 429 counted as it comes").hasValue(1);
    }

    @Test
    void waitsAtLeastWhatRetryAfterSays() throws Exception {
        webhook.then(429, "1", "{\"error\":\"rate limited\"}").then(200);

        send(sender(Map.of()), List.of(TestRows.row(1)));

        List<ScriptedWebhook.Received> requests = webhook.received();
        assertThat(Duration.ofNanos(requests.get(1).atNanos() - requests.get(0).atNanos()))
                .as("our own backoff is 10 ms; Clay asked for 1 s").isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void givesTheBatchBackAfterTheLastAttempt() {
        webhook.then(500).then(500).then(500);

        assertThatThrownBy(() -> send(sender(Map.of("retry.max.attempts", "3")), List.of(TestRows.row(1))))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("after 3 attempts");
        assertThat(webhook.received()).hasSize(3);
    }

    @Test
    void returnsARefusalAtOnceWithoutRetrying() throws Exception {
        webhook.then(400, null, "{\"error\":\"row 0 has no lead_id\"}");

        HttpReply response = send(sender(Map.of()), List.of(TestRows.row(1)));

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
            assertThatThrownBy(() -> send(sender, List.of(TestRows.row(1))))
                    .isInstanceOf(UnavailableException.class);
        }

        assertThat(sender.guard().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> send(sender, List.of(TestRows.row(1))))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)))
                .hasMessageContaining("circuit is open");
        assertThat(webhook.received()).as("no request while open").hasSize(3);
    }

    @Test
    void sendsTheTokenInClaysHeader() throws Exception {
        webhook.then(200);

        send(sender(Map.of("clay.webhook.token", "tok-1")), List.of(TestRows.row(1)));

        assertThat(webhook.received().get(0).token()).isEqualTo("tok-1");
    }

    @Test
    void sendsOneRowAsOneJsonObjectAndTheTablesTokenInTheConfiguredHeader() throws Exception {
        webhook.then(200);
        Map<String, String> props = new java.util.HashMap<>(Map.of("clay.tables", "a",
                "clay.table.a.webhook.urls", webhook.url().toString(), "clay.table.a.token", "table-tok",
                "clay.webhook.token", "sink-tok", "clay.webhook.auth.header", "x-my-clay-auth"));
        props.put("clay.webhook.urls", "");
        ResilientWebhookSender sender = sender(props);

        sender.send(config.tables().get(0), webhook.url(), RequestFormat.OBJECT, List.of(TestRows.row(7)));

        ScriptedWebhook.Received received = webhook.received().get(0);
        assertThat(received.headers()).containsEntry("x-my-clay-auth", "table-tok")
                .doesNotContainKey("x-clay-webhook-auth");
        assertThat(received.body()).startsWith("{\"").contains("\"lead_id\":\"lead-7\"").endsWith("}");
    }

    @Test
    void postsAnArrayOnlyInTheArrayFormat() throws Exception {
        webhook.then(200);
        ResilientWebhookSender sender = sender(Map.of());

        sender.send(config.tables().get(0), webhook.url(), RequestFormat.ARRAY, List.of(TestRows.row(1),
                TestRows.row(2)));

        assertThat(webhook.received().get(0).body()).startsWith("[{").endsWith("}]").contains("lead-1", "lead-2");
    }

    private ClayWebhookSinkConfig config;

    private HttpReply send(ResilientWebhookSender sender, List<ClayRow> rows) throws UnavailableException {
        return sender.send(config.tables().get(0), webhook.url(), RequestFormat.OBJECT, rows);
    }

    private ResilientWebhookSender sender(Map<String, String> overrides) {
        Map<String, String> props = ClayWebhookSinkConfigTest.minimal();
        props.put("retry.backoff.initial.ms", "10");
        props.put("retry.backoff.max.ms", "50");
        props.put("rate.limit.rows.per.second", "1000");
        props.putAll(overrides);
        config = new ClayWebhookSinkConfig(props);
        return ResilientWebhookSender.create(config, responses429::incrementAndGet);
    }
}
