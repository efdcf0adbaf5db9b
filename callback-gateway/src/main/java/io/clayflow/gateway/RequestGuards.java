package io.clayflow.gateway;

import java.util.Locale;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * The checks every public route runs before its body is read: the bearer token, then the content type. They are
 * {@link PlatformHandler}s because Vert.x Web only lets those run before a {@code BodyHandler}: a refused request is
 * answered without its body being read.
 */
final class RequestGuards {

    private RequestGuards() {
    }

    static PlatformHandler bearer(BearerTokens tokens) {
        return ctx -> {
            if (tokens.accepts(ctx.request().getHeader("Authorization"))) {
                ctx.next();
            } else {
                ctx.fail(ApiError.of(401, "Missing or invalid bearer token").asException());
            }
        };
    }

    /** {@code application/json}, optionally with {@code charset=utf-8}; anything else is a 415. */
    static PlatformHandler jsonContentType() {
        return ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            if (type != null && isJson(type)) {
                ctx.next();
            } else {
                ctx.fail(ApiError.of(415, "Content-Type must be application/json").asException());
            }
        };
    }

    static boolean isJson(String header) {
        String[] parts = header.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=") && !param.equals("charset=utf-8") && !param.equals("charset=\"utf-8\"")) {
                return false;
            }
        }
        return true;
    }
}
