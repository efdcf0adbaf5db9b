package io.clayflow.fakes.hubspot;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What every CRM endpoint of the fake does before it looks at a body, in HubSpot's order: injected faults, 401
 * (Bearer private-app token), 429 (rolling and daily limits, and the search endpoints' own per-second limit, with
 * HubSpot's {@code X-HubSpot-RateLimit-*} headers); and how it answers (status, JSON, injected latency).
 */
final class ApiGate {

    private final Vertx vertx;
    private final HubSpotConfig config;
    private final Supplier<HubSpotFaults> faults;
    private final RollingRateLimit limit;
    private final RollingRateLimit searchLimit;
    private final HubSpotCounters counters;
    private final Random random;

    /** A gate with the portal's limits from {@code config}: the general and daily ones, and search's per second. */
    ApiGate(Vertx vertx, HubSpotConfig config, Supplier<HubSpotFaults> faults, HubSpotCounters counters) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.limit = new RollingRateLimit(config.rateLimitMax(), config.rateLimitInterval(), config.dailyLimit(),
                System::nanoTime);
        this.searchLimit = new RollingRateLimit(config.searchPerSecond(), Duration.ofSeconds(1), Long.MAX_VALUE,
                System::nanoTime);
        this.random = new Random(config.seed());
    }

    /**
     * Counts the request and answers it when a fault, the token or a limit refuses it.
     *
     * @param search whether the endpoint is a search (HubSpot limits those per second on top)
     * @return true when the request may go on
     */
    boolean admit(RoutingContext ctx, boolean search) {
        counters.request();
        HubSpotFaults current = faults.get();
        if (current.forcedStatus() == 429) {
            rateLimitHeaders(ctx.response(), 0, limit.daily());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER,
                    String.valueOf((current.retryAfter().toMillis() + 999) / 1000));
            answer(ctx, 429, HubSpotErrors.rateLimited(RollingRateLimit.ROLLING_POLICY));
            return false;
        }
        if (current.forcedStatus() != 0) {
            answer(ctx, current.forcedStatus(), HubSpotErrors.error("INTERNAL_ERROR",
                    "injected fault: forced status " + current.forcedStatus()));
            return false;
        }
        if (draw(current.errorRate())) {
            answer(ctx, 502, HubSpotErrors.error("BAD_GATEWAY", "injected fault: bad gateway"));
            return false;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!authorized(authorization)) {
            answer(ctx, 401, HubSpotErrors.unauthorized(authorization != null));
            return false;
        }
        if (search) {
            RollingRateLimit.Decision secondly = searchLimit.tryAcquire();
            if (!secondly.allowed()) {
                // HubSpot's search limit answers 429 without a Retry-After; the next second is the wait.
                answer(ctx, 429, HubSpotErrors.rateLimited("SECONDLY"));
                return false;
            }
        }
        RollingRateLimit.Decision decision = limit.tryAcquire();
        rateLimitHeaders(ctx.response(), decision.remaining(), decision.dailyRemaining());
        if (!decision.allowed()) {
            answer(ctx, 429, HubSpotErrors.rateLimited(decision.refusedPolicy()));
            return false;
        }
        return true;
    }

    /** @param status the status, or 0 for "200, or 207 when the body carries errors" */
    void answer(RoutingContext ctx, int status, JsonObject body) {
        int code = status != 0 ? status : body.containsKey("errors") ? 207 : 200;
        counters.answered(code);
        Runnable send = () -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(code)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=utf-8").end(body.encode());
            }
        };
        long latency = faults.get().latency().toMillis();
        if (latency > 0) {
            vertx.setTimer(latency, id -> send.run());
        } else {
            send.run();
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return config.tokens().stream().anyMatch(token ->
                MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given));
    }

    private void rateLimitHeaders(HttpServerResponse response, int remaining, long dailyRemaining) {
        response.putHeader("X-HubSpot-RateLimit-Daily", String.valueOf(limit.daily()))
                .putHeader("X-HubSpot-RateLimit-Daily-Remaining", String.valueOf(dailyRemaining))
                .putHeader("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(limit.intervalMillis()))
                .putHeader("X-HubSpot-RateLimit-Max", String.valueOf(limit.max()))
                .putHeader("X-HubSpot-RateLimit-Remaining", String.valueOf(remaining));
    }

    private synchronized boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
