package io.clayflow.connect.clay;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.JsonHttpClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts a batch of rows to a Clay webhook, with the token in {@code x-clay-webhook-auth}, under the shared resilience
 * guard: rate-limited in rows per second (a safety net under the intake throttle), retried on 429, 5xx and timeouts,
 * behind a circuit breaker.
 */
final class ResilientWebhookSender {

    static final String AUTH_HEADER = "x-clay-webhook-auth";

    private final JsonHttpClient client;
    private final ResilientHttp http;
    private final Map<String, String> headers;

    ResilientWebhookSender(JsonHttpClient client, ResilientHttp http, Map<String, String> headers) {
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.headers = Map.copyOf(headers);
    }

    static ResilientWebhookSender create(ClayWebhookSinkConfig config) {
        ResilienceSettings settings = ResilienceSettings.from(config, config.rateLimitRowsPerSecond(),
                Duration.ofSeconds(1));
        return new ResilientWebhookSender(JsonHttpClient.create(config.httpConnectTimeout(),
                config.httpRequestTimeout()), ResilientHttp.create("Clay webhook", settings),
                config.webhookToken().map(token -> Map.of(AUTH_HEADER, token)).orElse(Map.of()));
    }

    /**
     * Posts a batch until Clay answers something other than 408, 429 or 5xx, and returns that answer (2xx, or a
     * 4xx the caller must act on).
     *
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    HttpReply send(URI webhook, List<ClayRow> batch) throws UnavailableException {
        byte[] body = RowBatcher.body(batch);
        return http.send(batch.size(), () -> client.post(webhook, body, headers));
    }

    long circuitStateCode() {
        return http.guard().circuitStateCode();
    }

    io.github.resilience4j.circuitbreaker.CircuitBreaker.State circuitState() {
        return http.guard().circuitState();
    }

    Duration backoff(int attempt) {
        return http.guard().backoff(attempt);
    }
}
