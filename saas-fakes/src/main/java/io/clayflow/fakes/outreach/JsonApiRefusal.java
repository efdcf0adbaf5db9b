package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonObject;

/**
 * A request the Outreach fake refuses, thrown from deep in a handler: the HTTP status and the JSON:API error object
 * to answer with. (The Outreach sink's own {@code OutreachRefusal} is the other side of this: Outreach said no.)
 */
final class JsonApiRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject error;

    JsonApiRefusal(int status, JsonObject error) {
        super(error.getString("detail"), null, false, false);
        this.status = status;
        this.error = error;
    }

    static JsonApiRefusal validation(String detail) {
        return new JsonApiRefusal(422, JsonApiResponses.error("validationError", "Validation Error", detail)
                .put("source", new JsonObject().put("pointer", "/data")));
    }

    static JsonApiRefusal badRequest(String detail) {
        return new JsonApiRefusal(400, JsonApiResponses.error("badRequest", "Bad Request", detail));
    }

    static JsonApiRefusal notFound(String type, Object id) {
        return new JsonApiRefusal(404, JsonApiResponses.error("resourceNotFound", "Resource Not Found",
                "Could not find '" + type + "' with ID '" + id + "'."));
    }

    int status() {
        return status;
    }

    JsonObject error() {
        return error;
    }
}
