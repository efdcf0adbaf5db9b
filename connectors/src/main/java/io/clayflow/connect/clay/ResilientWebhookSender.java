package io.clayflow.connect.clay;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.ResilientCall;
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

    private final PeerClient peer;

    ResilientWebhookSender(PeerClient peer) {
        this.peer = Objects.requireNonNull(peer, "peer");
    }

    static ResilientWebhookSender create(ClayWebhookSinkConfig config, Runnable on429) {
        ResilienceSettings settings = ResilienceSettings.from(config, config.rateLimitRowsPerSecond(),
                Duration.ofSeconds(1));
        return new ResilientWebhookSender(new PeerClient(HttpSettings.client(config),
                ResilientHttp.create("Clay webhook", settings),
                config.webhookToken().map(token -> Map.of(AUTH_HEADER, token)).orElse(Map.of()), on429));
    }

    /**
     * Posts a batch until Clay answers something other than 408, 429 or 5xx, and returns that answer (2xx, or a
     * 4xx the caller must act on).
     *
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    HttpReply send(URI webhook, List<ClayRow> batch) throws UnavailableException {
        return peer.send(batch.size(), "POST", webhook, RowBatcher.body(batch));
    }

    ResilientCall guard() {
        return peer.guard();
    }
}
