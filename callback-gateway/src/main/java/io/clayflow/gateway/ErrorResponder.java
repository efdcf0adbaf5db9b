package io.clayflow.gateway;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The one failure handler: turns whatever failed a request into an {@link ApiError} body with its status. */
final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final int maxBodyBytes;

    ErrorResponder(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(RoutingContext ctx) {
        send(ctx, toError(ctx));
    }

    ApiError toError(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError.ApiException api) {
            return api.error();
        }
        int status = ctx.statusCode();
        return switch (status) {
            case 400 -> ApiError.of(400, "Malformed request");
            case 401 -> ApiError.of(401, "Missing or invalid bearer token");
            case 404 -> ApiError.of(404, "No such resource: " + ctx.request().path());
            case 405 -> ApiError.of(405, "Method " + ctx.request().method() + " is not allowed on "
                    + ctx.request().path());
            case 413 -> ApiError.of(413, "The request body is larger than " + maxBodyBytes + " bytes");
            case 415 -> ApiError.of(415, "Content-Type must be application/json");
            default -> {
                if (status >= 400 && status < 500) {
                    yield ApiError.of(status, "Request refused");
                }
                LOG.error("Request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
                yield ApiError.of(500, "Internal error");
            }
        };
    }

    static void send(RoutingContext ctx, ApiError error) {
        Map<String, String> headers = new HashMap<>(error.headers());
        if (error.code() == 401) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        reply(ctx, error.code(), headers, error.toJson());
    }

    /** Answers with a JSON body, unless the response already ended or its connection closed (a late ack). */
    static void reply(RoutingContext ctx, int status, Map<String, String> headers, JsonObject body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        headers.forEach(response::putHeader);
        response.end(body.encode());
    }
}
