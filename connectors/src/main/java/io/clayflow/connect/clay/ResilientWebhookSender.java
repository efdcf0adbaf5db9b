package io.clayflow.connect.clay;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.JsonHttpClient;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Posts rows to a Clay table's webhook, with the table's token in the configured header (default
 * {@value ClayWebhookSinkConfig#DEFAULT_AUTH_HEADER}), under the shared resilience guard: retried on 429 (honouring
 * Retry-After), 5xx and timeouts, behind a circuit breaker, and paced in rows over any one-second window
 * ({@link RowRateWindow}) whatever the request format.
 */
final class ResilientWebhookSender {

    private final Map<String, PeerClient> byTable;
    private final RowRateWindow pace;
    private final ResilientCall guard;

    ResilientWebhookSender(Map<String, PeerClient> byTable, RowRateWindow pace, ResilientCall guard) {
        this.byTable = Map.copyOf(byTable);
        this.pace = Objects.requireNonNull(pace, "pace");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    static ResilientWebhookSender create(ClayWebhookSinkConfig config, Runnable on429) {
        ResilienceSettings settings = config.resilience();
        ResilientHttp http = ResilientHttp.create("Clay webhook", settings);
        JsonHttpClient client = HttpSettings.client(config);
        Map<String, PeerClient> byTable = new HashMap<>();
        for (ClayTableConfig table : config.tables()) {
            Map<String, String> headers = table.token().map(token -> Map.of(config.authHeader(), token))
                    .orElse(Map.of());
            byTable.put(table.name(), new PeerClient(client, http, headers, on429));
        }
        return new ResilientWebhookSender(byTable, RowRateWindow.perSecond(settings.ratePermits()),
                http.guard());
    }

    /**
     * Posts rows in the given format until Clay answers something other than 408, 429 or 5xx, and returns that answer
     * (2xx, or a 4xx the caller must act on).
     *
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    HttpReply send(ClayTableConfig table, URI webhook, RequestFormat format, List<ClayRow> rows)
            throws UnavailableException {
        PeerClient peer = byTable.get(table.name());
        if (peer == null) {
            throw new IllegalArgumentException("no such Clay table: " + table.name());
        }
        pace.acquire(rows.size());
        try {
            return peer.send(rows.size(), "POST", webhook, format.body(rows));
        } finally {
            pace.answered(rows.size());
        }
    }

    ResilientCall guard() {
        return guard;
    }
}
