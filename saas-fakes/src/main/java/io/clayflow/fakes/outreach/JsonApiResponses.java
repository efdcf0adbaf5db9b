package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Outreach's answers: JSON:API documents ({@code application/vnd.api+json}), errors as {@code {"errors": [...]}}. */
final class JsonApiResponses {

    static final String MEDIA_TYPE = "application/vnd.api+json";

    private JsonApiResponses() {
    }

    static void send(RoutingContext ctx, int status, JsonObject document) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(document.encode());
        }
    }

    /** One JSON:API error object: {@code id} is Outreach's machine-readable code, {@code title} its category. */
    static JsonObject error(String id, String title, String detail) {
        return new JsonObject().put("id", id).put("title", title).put("detail", detail);
    }

    static void fail(RoutingContext ctx, int status, JsonObject error) {
        send(ctx, status, new JsonObject().put("errors", new JsonArray().add(error)));
    }
}
