package io.clayflow.connect.http;

import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A peer's HTTP API as a sink calls it: its fixed headers (credentials, media type) on every request, each exchange
 * under the sink's resilience guard ({@link ResilientHttp}), and every 429 counted as it comes. Headers are never
 * logged.
 */
public final class PeerClient {

    private final JsonHttpClient http;
    private final ResilientHttp guard;
    private final Map<String, String> headers;
    private final Runnable on429;

    public PeerClient(JsonHttpClient http, ResilientHttp guard, Map<String, String> headers, Runnable on429) {
        this.http = Objects.requireNonNull(http, "http");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.headers = Map.copyOf(headers);
        this.on429 = Objects.requireNonNull(on429, "on429");
    }

    /**
     * Sends a request until the peer answers other than 408, 429 or 5xx, and returns that answer.
     *
     * @param permits rate-limit permits the request costs (rows, or 1)
     * @param body    the JSON body, or null for none
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    public HttpReply send(int permits, String method, URI uri, byte[] body) throws UnavailableException {
        return send(permits, method, uri, body, reply -> { });
    }

    /**
     * As {@link #send(int, String, URI, byte[])}, with a look at every answer inside the retry: {@code check} may
     * throw to stop retrying an answer no retry will change soon (HubSpot's daily limit).
     */
    public HttpReply send(int permits, String method, URI uri, byte[] body, Consumer<HttpReply> check)
            throws UnavailableException {
        return guard.send(permits, () -> {
            HttpReply reply = http.send(method, uri, body, headers);
            if (reply.status() == 429) {
                on429.run();
            }
            check.accept(reply);
            return reply;
        });
    }

    public ResilientCall guard() {
        return guard.guard();
    }
}
