package io.clayflow.fakes.hubspot;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;

/**
 * One {@code POST} contacts endpoint of the fake: its path and body limit, the {@link ApiGate} every request meets
 * first (faults, 401, 429), then the endpoint's own answer.
 */
abstract class ContactEndpoint implements Handler<RoutingContext> {

    /** Well above 100 inputs of the largest allowed values; HubSpot's own body limit is not documented. */
    static final long BATCH_BODY_LIMIT = 30L * 1024 * 1024;

    protected final ContactApi api;
    private final String path;
    private final long bodyLimit;
    private final boolean search;

    /** @param search whether the endpoint is a search (HubSpot limits those per second on top) */
    ContactEndpoint(ContactApi api, String path, long bodyLimit, boolean search) {
        this.api = Objects.requireNonNull(api, "api");
        this.path = Objects.requireNonNull(path, "path");
        this.bodyLimit = bodyLimit;
        this.search = search;
    }

    /** Serves {@code POST <path>} on {@code router}, reading bodies up to the limit. */
    final void mount(Router router) {
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this);
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
