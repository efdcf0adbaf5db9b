package io.clayflow.connect.outreach;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Calls Outreach's API v2 with the Bearer token and JSON:API media type, under the shared resilience guard (the
 * hourly limit, retries on 429/5xx/no answer honouring Retry-After or X-RateLimit-Reset, a circuit breaker). A
 * 401/403 fails the task: the token is wrong and no record is to blame.
 */
final class OutreachClient {

    private final PeerClient peer;
    private final URI baseUrl;

    /** Outreach as {@code config} says; {@code on429} counts each 429. */
    OutreachClient(OutreachSinkConfig config, Runnable on429) {
        ResilientCall call = ResilientCall.create("Outreach", config.resilience(), config.maxInlineWait());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + config.token(),
                "Content-Type", JsonApi.MEDIA_TYPE, "Accept", JsonApi.MEDIA_TYPE);
        this.peer = new PeerClient(HttpSettings.client(config),
                new ResilientHttp(call, new OutreachWaitHint(Clock.systemUTC())), headers, on429);
        this.baseUrl = config.baseUrl();
    }

    HttpReply get(String pathAndQuery) throws UnavailableException {
        return send("GET", pathAndQuery, null);
    }

    HttpReply post(String path, byte[] body) throws UnavailableException {
        return send("POST", path, body);
    }

    HttpReply patch(String path, byte[] body) throws UnavailableException {
        return send("PATCH", path, body);
    }

    private HttpReply send(String method, String path, byte[] body) throws UnavailableException {
        HttpReply reply = peer.send(1, method, URI.create(baseUrl + path), body);
        if (reply.isAuthFailure()) {
            throw new ConnectException("Outreach refused the access token (HTTP " + reply.status() + " "
                    + JsonApi.errors(reply) + "): check " + OutreachSinkConfig.TOKEN + " and its scopes");
        }
        return reply;
    }

    ResilientCall guard() {
        return peer.guard();
    }
}
