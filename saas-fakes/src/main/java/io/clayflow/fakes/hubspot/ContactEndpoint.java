package io.clayflow.fakes.hubspot;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * A contacts endpoint of the fake: the {@link ApiGate} every request meets first (faults, 401, 429), then the
 * endpoint's own answer.
 */
abstract class ContactEndpoint implements Handler<RoutingContext> {

    protected final ContactApi api;
    private final boolean search;

    /** @param search whether the endpoint is a search (HubSpot limits those per second on top) */
    ContactEndpoint(ContactApi api, boolean search) {
        this.api = Objects.requireNonNull(api, "api");
        this.search = search;
    }

    @Override
    public final void handle(RoutingContext ctx) {
        if (api.gate().admit(ctx, search)) {
            serve(ctx);
        }
    }

    /** Answers a request the gate let through, with {@link ApiGate#answer}. */
    abstract void serve(RoutingContext ctx);
}
