package io.clayflow.connect.http;

import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.TransientFailure;
import io.clayflow.connect.resilience.UnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP calls under a {@link ResilientCall}: no answer, 408, 429 and 5xx are retried (waiting at least what the peer
 * asked for), anything else is returned for the caller to act on.
 */
public final class ResilientHttp {

    /** One HTTP exchange; throws IOException when no answer came. */
    @FunctionalInterface
    public interface Exchange {
        HttpReply send() throws IOException;
    }

    private final ResilientCall guard;
    private final Function<HttpReply, Optional<Duration>> waitHint;

    /**
     * @param waitHint how long the peer asked to wait, read from a retryable answer (Retry-After by default; HubSpot
     *                 also says it in its rate-limit headers)
     */
    public ResilientHttp(ResilientCall guard, Function<HttpReply, Optional<Duration>> waitHint) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.waitHint = Objects.requireNonNull(waitHint, "waitHint");
    }

    public static ResilientHttp create(String peer, ResilienceSettings settings) {
        return new ResilientHttp(ResilientCall.create(peer, settings), HttpReply::retryAfter);
    }

    /**
     * @param permits rate-limit permits the exchange costs
     * @return a 2xx, or an answer (4xx but 408/429) the caller must act on
     * @throws UnavailableException when the attempts ran out or the circuit is open
     */
    public HttpReply send(int permits, Exchange exchange) throws UnavailableException {
        return guard.execute(permits, () -> {
            HttpReply reply;
            try {
                reply = exchange.send();
            } catch (IOException e) {
                throw new TransientFailure("no answer: " + e, -1, Optional.empty(), e);
            }
            if (reply.isRetryable()) {
                throw new TransientFailure("HTTP " + reply.status() + " " + reply.excerpt(), reply.status(),
                        waitHint.apply(reply), null);
            }
            return reply;
        });
    }

    public ResilientCall guard() {
        return guard;
    }
}
