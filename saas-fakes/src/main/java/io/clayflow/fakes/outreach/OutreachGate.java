package io.clayflow.fakes.outreach;

import io.clayflow.fakes.Tally;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every Outreach API request meets before its resource, in Outreach's order: counted, then the injected faults,
 * the OAuth bearer token (401), the user's hourly limit (429 with {@code X-RateLimit-*}), and the JSON:API media type
 * on writes (415).
 */
final class OutreachGate {

    private final Vertx vertx;
    private final OutreachConfig config;
    private final UserRateLimit rateLimit;
    private final Random random;
    private volatile OutreachFaults faults;
    private final AtomicLong requests = new AtomicLong();
    private final Tally<String> answers = new Tally<>();

    OutreachGate(Vertx vertx, OutreachConfig config, UserRateLimit rateLimit) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.random = new Random(config.seed());
        this.faults = config.faults();
    }

    /** Puts the checks in front of every route under {@code path}. */
    void mount(Router router, String path) {
        router.route(path).handler(this::count).handler(this::faults).handler(this::authenticate)
                .handler(this::limit).handler(this::mediaType);
    }

    void setFaults(OutreachFaults newFaults) {
        faults = Objects.requireNonNull(newFaults, "faults");
    }

    OutreachFaults faults() {
        return faults;
    }

    OutreachStats stats() {
        return new OutreachStats(requests.get(), answers.snapshot(), rateLimit.earlyRetries());
    }

    private void count(RoutingContext ctx) {
        requests.incrementAndGet();
        String endpoint = ctx.request().method() + " " + ctx.request().path().replaceAll("/\\d+$", "/{id}");
        ctx.addHeadersEndHandler(v -> answers.increment(endpoint + " " + ctx.response().getStatusCode()));
        ctx.next();
    }

    private void faults(RoutingContext ctx) {
        OutreachFaults current = faults;
        Runnable go = () -> {
            if (current.forcedStatus() != 0) {
                JsonApiResponses.fail(ctx, current.forcedStatus(), JsonApiResponses.error("injectedFault",
                        "Injected Fault", "forced status " + current.forcedStatus()));
            } else if (current.errorRate() > 0 && draw(current.errorRate())) {
                JsonApiResponses.fail(ctx, 503, JsonApiResponses.error("serviceUnavailable", "Service Unavailable",
                        "injected fault"));
            } else {
                ctx.next();
            }
        };
        if (current.latency().isZero()) {
            go.run();
        } else {
            vertx.setTimer(current.latency().toMillis(), t -> go.run());
        }
    }

    private synchronized boolean draw(double rate) {
        return random.nextDouble() < rate;
    }

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (token == null || !config.tokens().contains(token)) {
            JsonApiResponses.fail(ctx, 401, JsonApiResponses.error("unauthorized", "Unauthorized",
                    "The access token is missing, invalid or expired."));
            return;
        }
        ctx.put("user", token);
        ctx.next();
    }

    private void limit(RoutingContext ctx) {
        UserRateLimit.Decision decision = rateLimit.take(ctx.get("user"));
        ctx.response().putHeader("X-RateLimit-Limit", Integer.toString(decision.limit()))
                .putHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()))
                .putHeader("X-RateLimit-Reset", Long.toString(decision.resetEpochSeconds()));
        if (!decision.allowed()) {
            JsonApiResponses.fail(ctx, 429, JsonApiResponses.error("rateLimitExceeded", "Rate Limit Exceeded",
                    "You have exceeded your permitted rate limit of " + decision.limit() + "; please try again at "
                            + Instant.ofEpochSecond(decision.resetEpochSeconds()) + "."));
            return;
        }
        ctx.next();
    }

    private void mediaType(RoutingContext ctx) {
        String method = ctx.request().method().name();
        if (method.equals("POST") || method.equals("PATCH")) {
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.trim().toLowerCase(Locale.ROOT)
                    .startsWith(JsonApiResponses.MEDIA_TYPE)) {
                JsonApiResponses.fail(ctx, 415, JsonApiResponses.error("unsupportedMediaType",
                        "Unsupported Media Type", "Content-Type must be " + JsonApiResponses.MEDIA_TYPE + "."));
                return;
            }
        }
        ctx.next();
    }
}
