package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonObject;

/** A request the simulated Outreach refuses: the status and the JSON:API error object to answer with. */
final class OutreachRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonObject error;

    OutreachRefusal(int status, JsonObject error) {
        super(error.getString("detail"), null, false, false);
        this.status = status;
        this.error = error;
    }

    static OutreachRefusal validation(String detail) {
        return new OutreachRefusal(422, JsonApiResponses.error("validationError", "Validation Error", detail)
                .put("source", new JsonObject().put("pointer", "/data")));
    }

    static OutreachRefusal badRequest(String detail) {
        return new OutreachRefusal(400, JsonApiResponses.error("badRequest", "Bad Request", detail));
    }

    static OutreachRefusal notFound(String type, Object id) {
        return new OutreachRefusal(404, JsonApiResponses.error("resourceNotFound", "Resource Not Found",
                "Could not find '" + type + "' with ID '" + id + "'."));
    }

    int status() {
        return status;
    }

    JsonObject error() {
        return error;
    }
}
