package io.clayflow.gateway;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one error body the gateway answers with: {@code {code, message, validation_errors}}, where {@code code} is the
 * HTTP status and each validation error names a field (a JSON pointer into the request body).
 */
public record ApiError(int code, String message, List<FieldError> validationErrors, Map<String, String> headers) {

    /** One field that failed validation: {@code field} is a JSON pointer such as {@code /0/email} or {@code /lead_id}. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    public ApiError {
        Objects.requireNonNull(message, "message");
        validationErrors = List.copyOf(validationErrors);
        headers = Map.copyOf(headers);
    }

    public static ApiError of(int code, String message) {
        return new ApiError(code, message, List.of(), Map.of());
    }

    public static ApiError unavailable(String message, int retryAfterSeconds) {
        return new ApiError(503, message, List.of(), Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ApiError invalid(List<FieldError> errors) {
        return new ApiError(422, "The request body has invalid fields", errors, Map.of());
    }

    /** The error as an exception, so a handler can fail its {@code RoutingContext} with it. */
    public ApiException asException() {
        return new ApiException(this);
    }

    public JsonObject toJson() {
        JsonArray errors = new JsonArray();
        validationErrors.forEach(e -> errors.add(new JsonObject().put("field", e.field()).put("message", e.message())));
        return new JsonObject().put("code", code).put("message", message).put("validation_errors", errors);
    }

    /** Carries an {@link ApiError} through Vert.x futures and failure handlers. */
    public static final class ApiException extends RuntimeException {
        private final transient ApiError error;

        ApiException(ApiError error) {
            super(error.code() + " " + error.message(), null, false, false);
            this.error = error;
        }

        public ApiError error() {
            return error;
        }
    }
}
