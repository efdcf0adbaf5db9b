package io.clayflow.connect.hubspot;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.JsonHttpClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Posts batch upserts to HubSpot as the private app (Bearer token) under the shared resilience guard: one rate-limit
 * permit per request, 429/5xx/no answer retried waiting what HubSpot asked ({@link HubSpotWaitHint}), a circuit
 * breaker. A 429 of the DAILY policy is not retried: no retry helps before the portal's day turns, so the task pauses.
 */
final class HubSpotClient {

    /** How long to pause after HubSpot's daily limit refused a request, before one probe. */
    static final Duration DAILY_LIMIT_PAUSE = Duration.ofMinutes(15);

    private final JsonHttpClient client;
    private final ResilientHttp http;
    private final URI upsertUri;
    private final Map<String, String> headers;
    private final Runnable on429;

    HubSpotClient(JsonHttpClient client, ResilientHttp http, URI upsertUri, String token, Runnable on429) {
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.upsertUri = Objects.requireNonNull(upsertUri, "upsertUri");
        this.headers = Map.of("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
        this.on429 = Objects.requireNonNull(on429, "on429");
    }

    static HubSpotClient create(HubSpotSinkConfig config, Runnable on429) {
        return new HubSpotClient(JsonHttpClient.create(config.httpConnectTimeout(), config.httpRequestTimeout()),
                new ResilientHttp(ResilientCall.create("HubSpot", config.resilience()), HubSpotWaitHint::of),
                config.upsertUri(), config.token(), on429);
    }

    /**
     * @return HubSpot's answer other than 408, 429 or 5xx: 200/207, or a 4xx the caller acts on
     * @throws UnavailableException when the attempts ran out, the circuit is open or the daily limit is reached
     */
    HttpReply upsert(BatchUpsertRequest request) throws UnavailableException {
        byte[] body = request.body();
        try {
            return http.send(1, () -> {
                HttpReply reply = client.post(upsertUri, body, headers);
                if (reply.status() == 429) {
                    on429.run();
                    if ("DAILY".equals(BatchUpsertResponse.parse(reply.body()).policyName())) {
                        throw new DailyLimitReached(reply);
                    }
                }
                return reply;
            });
        } catch (DailyLimitReached daily) {
            throw new UnavailableException("HubSpot's daily API limit is spent ("
                    + daily.reply.headers().firstValue("X-HubSpot-RateLimit-Daily").orElse("?")
                    + " requests a day); pausing", 429, Optional.of(DAILY_LIMIT_PAUSE), daily);
        }
    }

    ResilientCall guard() {
        return http.guard();
    }

    /** Escapes the retry, which only retries TransientFailure. */
    private static final class DailyLimitReached extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient HttpReply reply;

        DailyLimitReached(HttpReply reply) {
            super("HubSpot daily limit reached", null, false, false);
            this.reply = reply;
        }
    }
}
