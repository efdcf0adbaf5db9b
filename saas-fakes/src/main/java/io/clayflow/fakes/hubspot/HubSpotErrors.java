package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * HubSpot's error bodies: {@code {status: "error", message, correlationId, category}} with, for CRM validation errors,
 * {@code errors[]} of {@code {message, code, context}}; and the 429 body with {@code errorType} and {@code policyName}.
 */
final class HubSpotErrors {

    static final String VALIDATION_ERROR = "VALIDATION_ERROR";

    private HubSpotErrors() {
    }

    static JsonObject error(String category, String message) {
        return new JsonObject().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
    }

    static JsonObject validation(String message) {
        return error(VALIDATION_ERROR, message);
    }

    static JsonObject unauthorized(boolean tokenGiven) {
        return error("INVALID_AUTHENTICATION", tokenGiven
                ? "Authentication credentials not found. The access token of this private app is invalid or was "
                        + "rotated; see https://developers.hubspot.com/docs/api/private-apps"
                : "Authentication credentials not found. This API supports OAuth 2.0 and private app access tokens "
                        + "in the Authorization: Bearer header.");
    }

    static JsonObject rateLimited(String policyName) {
        return new JsonObject().put("status", "error")
                .put("message", "You have reached your " + policyName.toLowerCase(java.util.Locale.ROOT) + " limit.")
                .put("errorType", "RATE_LIMIT").put("correlationId", UUID.randomUUID().toString())
                .put("policyName", policyName).put("requestId", UUID.randomUUID().toString());
    }

    /**
     * HubSpot's "Property values were not valid" error: the message embeds the list of invalid properties as JSON
     * text, and {@code errors[]} repeats them with a code and the property's name in the context.
     */
    static JsonObject invalidProperties(List<PropertyProblem> problems) {
        return invalidPropertiesBody(problems, VALIDATION_ERROR);
    }

    static JsonObject invalidPropertiesBody(List<PropertyProblem> problems, String category) {
        JsonArray embedded = new JsonArray();
        JsonArray errors = new JsonArray();
        for (PropertyProblem problem : problems) {
            embedded.add(new JsonObject().put("isValid", false).put("message", problem.message())
                    .put("error", problem.code()).put("name", problem.property())
                    .put("localizedErrorMessage", problem.message()));
            errors.add(new JsonObject().put("message", problem.message()).put("code", problem.code())
                    .put("context", new JsonObject().put("propertyName", new JsonArray().add(problem.property()))));
        }
        return error(category, "Property values were not valid: " + embedded.encode()).put("errors", errors);
    }

    /** One invalid property value: which property, HubSpot's code for it, and its message. */
    record PropertyProblem(String property, String code, String message) {
    }
}
