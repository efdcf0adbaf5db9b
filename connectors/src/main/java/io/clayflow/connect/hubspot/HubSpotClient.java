package io.clayflow.connect.hubspot;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URI;
import java.time.Duration;
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

    private final PeerClient peer;
    private final URI upsertUri;
    private final URI updateUri;

    /** @param peer HubSpot under the sink's guard; the URIs are under {@code config}'s API root */
    HubSpotClient(PeerClient peer, HubSpotSinkConfig config) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.upsertUri = config.upsertUri();
        this.updateUri = config.updateUri();
    }

    static HubSpotClient create(HubSpotSinkConfig config, Runnable on429) {
        return new HubSpotClient(HubSpotAccess.client(config, config.resilience(), on429), config);
    }

    /**
     * @return HubSpot's answer other than 408, 429 or 5xx: 200/207, or a 4xx the caller acts on
     * @throws UnavailableException when the attempts ran out, the circuit is open or the daily limit is reached
     */
    HttpReply upsert(BatchUpsertRequest request) throws UnavailableException {
        try {
            return peer.send(1, "POST", request.byId() ? updateUri : upsertUri, request.body(),
                    HubSpotClient::stopAtDailyLimit);
        } catch (DailyLimitReached daily) {
            throw new UnavailableException("HubSpot's daily API limit is spent ("
                    + daily.reply.headers().firstValue("X-HubSpot-RateLimit-Daily").orElse("?")
                    + " requests a day); pausing", Optional.of(DAILY_LIMIT_PAUSE), daily);
        }
    }

    private static void stopAtDailyLimit(HttpReply reply) {
        if (reply.status() == 429 && "DAILY".equals(BatchUpsertResponse.parse(reply.body()).policyName())) {
            throw new DailyLimitReached(reply);
        }
    }

    ResilientCall guard() {
        return peer.guard();
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
