package io.clayflow.connect.outreach;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.JsonHttpClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Calls Outreach's API v2 with the Bearer token and JSON:API media type, under the shared resilience guard (the
 * hourly limit, retries on 429/5xx/no answer honouring Retry-After or X-RateLimit-Reset, a circuit breaker). A
 * 401/403 fails the task: the token is wrong and no record is to blame.
 */
final class OutreachClient {

    private final JsonHttpClient http;
    private final ResilientHttp guard;
    private final URI baseUrl;
    private final Map<String, String> headers;
    private final Runnable on429;

    OutreachClient(JsonHttpClient http, ResilientHttp guard, URI baseUrl, String token, Runnable on429) {
        this.http = Objects.requireNonNull(http, "http");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.headers = Map.of("Authorization", "Bearer " + Objects.requireNonNull(token, "token"),
                "Content-Type", JsonApi.MEDIA_TYPE, "Accept", JsonApi.MEDIA_TYPE);
        this.on429 = Objects.requireNonNull(on429, "on429");
    }

    static OutreachClient create(OutreachSinkConfig config, Runnable on429) {
        ResilientCall call = ResilientCall.create("Outreach", config.resilience(), config.maxInlineWait());
        return new OutreachClient(JsonHttpClient.create(config.httpConnectTimeout(), config.httpRequestTimeout()),
                new ResilientHttp(call, new OutreachWaitHint(Clock.systemUTC())), config.baseUrl(), config.token(),
                on429);
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
        URI uri = URI.create(baseUrl + path);
        HttpReply reply = guard.send(1, () -> {
            HttpReply answer = http.send(method, uri, body, headers);
            if (answer.status() == 429) {
                on429.run();
            }
            return answer;
        });
        if (reply.isAuthFailure()) {
            throw new ConnectException("Outreach refused the access token (HTTP " + reply.status() + " "
                    + JsonApi.errors(reply) + "): check " + OutreachSinkConfig.TOKEN + " and its scopes");
        }
        return reply;
    }

    long circuitStateCode() {
        return guard.guard().circuitStateCode();
    }

    java.time.Duration backoff(int attempt) {
        return guard.guard().backoff(attempt);
    }
}
