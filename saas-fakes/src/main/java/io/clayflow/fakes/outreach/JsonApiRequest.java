package io.clayflow.fakes.outreach;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads what a JSON:API request carries (its data object, attributes, relationships and ids), refusing bad shapes. */
final class JsonApiRequest {

    private JsonApiRequest() {
    }

    /** The request's {@code data} object, of the given JSON:API type. */
    static JsonObject data(RoutingContext ctx, String type) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw JsonApiRefusal.badRequest("The body is not a JSON object.");
        }
        if (body == null || !(body.getValue("data") instanceof JsonObject data)) {
            throw JsonApiRefusal.badRequest("The body must be a JSON:API document with a 'data' object.");
        }
        if (!type.equals(data.getValue("type"))) {
            throw new JsonApiRefusal(409, JsonApiResponses.error("typeMismatch", "Conflict",
                    "data.type must be '" + type + "', got '" + data.getValue("type") + "'."));
        }
        return data;
    }

    static JsonObject attributes(JsonObject data) {
        Object attributes = data.getValue("attributes");
        if (attributes == null) {
            return new JsonObject();
        }
        if (!(attributes instanceof JsonObject object)) {
            throw JsonApiRefusal.badRequest("data.attributes must be an object.");
        }
        return object;
    }

    static long relationship(JsonObject relationships, String name, String label) {
        Object related = relationships.getValue(name);
        if (!(related instanceof JsonObject wrapper) || !(wrapper.getValue("data") instanceof JsonObject data)) {
            throw JsonApiRefusal.validation(label + " can't be blank.");
        }
        if (!name.equals(data.getValue("type"))) {
            throw new JsonApiRefusal(409, JsonApiResponses.error("typeMismatch", "Conflict",
                    "relationships." + name + ".data.type must be '" + name + "'."));
        }
        Long id = id(data.getValue("id"));
        if (id == null) {
            throw JsonApiRefusal.badRequest("relationships." + name + ".data.id must be an integer id.");
        }
        return id;
    }

    static long pathId(RoutingContext ctx) {
        Long id = id(ctx.pathParam("id"));
        if (id == null) {
            throw JsonApiRefusal.badRequest("The id in the URL must be an integer.");
        }
        return id;
    }

    static Long queryId(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        Long id = id(value);
        if (id == null) {
            throw JsonApiRefusal.badRequest(name + " must be an integer id.");
        }
        return id;
    }

    /** Outreach ids are integers; JSON:API clients send them as numbers or strings. */
    static Long id(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
