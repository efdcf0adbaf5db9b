package io.clayflow.fakes.hubspot;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code POST /crm/v3/objects/contacts/batch/upsert}. In order: injected faults, 401 (Bearer private-app token), 429
 * (rolling and daily limits, with HubSpot's {@code X-HubSpot-RateLimit-*} headers), 400 (the whole batch: shape,
 * more than 100 inputs, idProperty not email, duplicate ids, unknown properties, values too long), then each input:
 * a bad email fails that input alone and the answer is 207 with {@code errors[]}; the rest are upserted by email.
 */
final class BatchUpsertHandler implements Handler<RoutingContext> {

    static final String PATH = "/crm/v3/objects/contacts/batch/upsert";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*\\.[A-Za-z]{2,}$");

    private final Vertx vertx;
    private final HubSpotConfig config;
    private final Supplier<HubSpotFaults> faults;
    private final RollingRateLimit limit;
    private final ContactStore store;
    private final HubSpotCounters counters;
    private final Random random;

    BatchUpsertHandler(Vertx vertx, HubSpotConfig config, Supplier<HubSpotFaults> faults, RollingRateLimit limit,
                       ContactStore store, HubSpotCounters counters) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.store = Objects.requireNonNull(store, "store");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.random = new Random(config.seed());
    }

    @Override
    public void handle(RoutingContext ctx) {
        counters.request();
        HubSpotFaults current = faults.get();
        if (current.forcedStatus() == 429) {
            rateLimitHeaders(ctx.response(), 0, limit.daily());
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf((current.retryAfter().toMillis() + 999) / 1000));
            answer(ctx, current, 429, HubSpotErrors.rateLimited(RollingRateLimit.ROLLING_POLICY));
            return;
        }
        if (current.forcedStatus() != 0) {
            answer(ctx, current, current.forcedStatus(), HubSpotErrors.error("INTERNAL_ERROR",
                    "injected fault: forced status " + current.forcedStatus()));
            return;
        }
        if (draw(current.errorRate())) {
            answer(ctx, current, 502, HubSpotErrors.error("BAD_GATEWAY", "injected fault: bad gateway"));
            return;
        }

        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (!authorized(authorization)) {
            answer(ctx, current, 401, HubSpotErrors.unauthorized(authorization != null));
            return;
        }

        RollingRateLimit.Decision decision = limit.tryAcquire();
        rateLimitHeaders(ctx.response(), decision.remaining(), decision.dailyRemaining());
        if (!decision.allowed()) {
            answer(ctx, current, 429, HubSpotErrors.rateLimited(decision.refusedPolicy()));
            return;
        }

        UpsertRequest request = UpsertRequest.parse(ctx.body().buffer(), config);
        if (request.refusal() != null) {
            answer(ctx, current, 400, request.refusal());
            return;
        }
        counters.inputs(request.inputs().size());
        answer(ctx, current, 0, upsert(request.inputs()));
    }

    /** Upserts the inputs with a valid email; the others become errors. Status 200, or 207 when any failed. */
    private JsonObject upsert(List<UpsertRequest.Input> inputs) {
        Instant started = Instant.now();
        JsonArray results = new JsonArray();
        JsonArray errors = new JsonArray();
        for (UpsertRequest.Input input : inputs) {
            if (!EMAIL.matcher(input.email()).matches()) {
                counters.inputError();
                JsonObject context = new JsonObject().put("ids", new JsonArray().add(input.email()));
                if (input.objectWriteTraceId() != null) {
                    context.put("objectWriteTraceId", new JsonArray().add(input.objectWriteTraceId()));
                }
                errors.add(HubSpotErrors.invalidProperties(List.of(new HubSpotErrors.PropertyProblem("email",
                        "INVALID_EMAIL", "Email address " + input.email() + " is invalid")))
                        .put("context", context));
                continue;
            }
            ContactStore.Upserted upserted = store.upsert(input.email(), input.properties());
            counters.upserted(upserted.created());
            HubSpotContact contact = upserted.contact();
            JsonObject result = new JsonObject().put("id", contact.id())
                    .put("properties", new JsonObject(new java.util.HashMap<>(contact.properties())))
                    .put("createdAt", contact.createdAt().toString()).put("updatedAt", contact.updatedAt().toString())
                    .put("archived", false).put("new", upserted.created());
            if (input.objectWriteTraceId() != null) {
                result.put("objectWriteTraceId", input.objectWriteTraceId());
            }
            results.add(result);
        }
        JsonObject body = new JsonObject().put("status", "COMPLETE").put("results", results)
                .put("requestedAt", started.toString()).put("startedAt", started.toString())
                .put("completedAt", Instant.now().toString());
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size()).put("errors", errors);
        }
        return body;
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

    /** @param status the status, or 0 for "200, or 207 when the body carries errors" */
    private void answer(RoutingContext ctx, HubSpotFaults current, int status, JsonObject body) {
        int code = status != 0 ? status : body.containsKey("errors") ? 207 : 200;
        counters.answered(code);
        Runnable send = () -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(code).putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=utf-8")
                        .end(body.encode());
            }
        };
        long latency = current.latency().toMillis();
        if (latency > 0) {
            vertx.setTimer(latency, id -> send.run());
        } else {
            send.run();
        }
    }

    private synchronized boolean draw(double rate) {
        return rate > 0 && random.nextDouble() < rate;
    }
}
