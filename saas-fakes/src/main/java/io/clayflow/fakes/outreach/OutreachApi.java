package io.clayflow.fakes.outreach;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Outreach's REST API v2, the part a sequencing integration uses: prospects (find by email, create, update) and
 * sequence states (enrol, list). Every request meets, in order: the injected faults, the OAuth bearer token (401),
 * the user's hourly limit (429 with {@code X-RateLimit-*}), the JSON:API media type on writes (415), then the
 * resource's own checks. Answers are JSON:API documents.
 */
final class OutreachApi {

    private static final long MAX_BODY_BYTES = 1_000_000;

    private final Vertx vertx;
    private final OutreachConfig config;
    private final OutreachStore store;
    private final UserRateLimit rateLimit;
    private final Supplier<String> baseUrl;
    private final Random random;
    private volatile OutreachFaults faults;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

    OutreachApi(Vertx vertx, OutreachConfig config, OutreachStore store, UserRateLimit rateLimit,
                Supplier<String> baseUrl) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.random = new Random(config.seed());
        this.faults = config.faults();
    }

    void mount(Router router) {
        router.route("/api/v2/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route("/api/v2/*").handler(this::count).handler(this::faults).handler(this::authenticate)
                .handler(this::limit).handler(this::mediaType);
        router.get("/api/v2/prospects").handler(this::findProspects);
        router.get("/api/v2/prospects/:id").handler(this::getProspect);
        router.post("/api/v2/prospects").handler(this::createProspect);
        router.patch("/api/v2/prospects/:id").handler(this::updateProspect);
        router.get("/api/v2/sequenceStates").handler(this::findStates);
        router.post("/api/v2/sequenceStates").handler(this::enroll);
        router.route("/api/v2/*").handler(ctx -> JsonApiResponses.fail(ctx, 404, JsonApiResponses.error(
                "notFound", "Not Found", "No route " + ctx.request().method() + " " + ctx.request().path())));
    }

    void setFaults(OutreachFaults newFaults) {
        faults = Objects.requireNonNull(newFaults, "faults");
    }

    OutreachFaults faults() {
        return faults;
    }

    OutreachStats stats() {
        Map<String, Long> snapshot = new java.util.HashMap<>();
        answers.forEach((key, count) -> snapshot.put(key, count.get()));
        return new OutreachStats(requests.get(), snapshot, rateLimit.earlyRetries());
    }

    private void count(RoutingContext ctx) {
        requests.incrementAndGet();
        String endpoint = ctx.request().method() + " " + ctx.request().path().replaceAll("/\\d+$", "/{id}");
        ctx.addHeadersEndHandler(v -> answers.computeIfAbsent(endpoint + " " + ctx.response().getStatusCode(),
                k -> new AtomicLong()).incrementAndGet());
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
                            + java.time.Instant.ofEpochSecond(decision.resetEpochSeconds()) + "."));
            return;
        }
        ctx.next();
    }

    private void mediaType(RoutingContext ctx) {
        String method = ctx.request().method().name();
        if (method.equals("POST") || method.equals("PATCH")) {
            String type = ctx.request().getHeader("Content-Type");
            if (type == null || !type.trim().toLowerCase(java.util.Locale.ROOT)
                    .startsWith(JsonApiResponses.MEDIA_TYPE)) {
                JsonApiResponses.fail(ctx, 415, JsonApiResponses.error("unsupportedMediaType",
                        "Unsupported Media Type", "Content-Type must be " + JsonApiResponses.MEDIA_TYPE + "."));
                return;
            }
        }
        ctx.next();
    }

    private void findProspects(RoutingContext ctx) {
        String email = ctx.queryParams().get("filter[emails]");
        List<Prospect> found = email == null ? store.prospects() : store.findByEmail(email);
        JsonArray data = new JsonArray();
        found.forEach(p -> data.add(prospectDocument(p)));
        JsonApiResponses.send(ctx, 200, new JsonObject().put("data", data)
                .put("meta", new JsonObject().put("count", found.size())));
    }

    private void getProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            long id = pathId(ctx);
            Prospect prospect = store.prospect(id).orElseThrow(() -> OutreachRefusal.notFound("prospect", id));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", prospectDocument(prospect)));
        });
    }

    private void createProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            JsonObject data = data(ctx, "prospect");
            Prospect created = store.create(attributes(data));
            JsonApiResponses.send(ctx, 201, new JsonObject().put("data", prospectDocument(created)));
        });
    }

    private void updateProspect(RoutingContext ctx) {
        handle(ctx, () -> {
            long id = pathId(ctx);
            JsonObject data = data(ctx, "prospect");
            Long bodyId = id(data.getValue("id"));
            if (bodyId == null || bodyId != id) {
                throw new OutreachRefusal(409, JsonApiResponses.error("idMismatch", "Conflict",
                        "data.id must be the id in the URL (" + id + ")."));
            }
            Prospect updated = store.update(id, attributes(data));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", prospectDocument(updated)));
        });
    }

    private void findStates(RoutingContext ctx) {
        handle(ctx, () -> {
            Long prospect = queryId(ctx, "filter[prospect][id]");
            Long sequence = queryId(ctx, "filter[sequence][id]");
            JsonArray data = new JsonArray();
            store.states(prospect, sequence).forEach(s -> data.add(stateDocument(s)));
            JsonApiResponses.send(ctx, 200, new JsonObject().put("data", data)
                    .put("meta", new JsonObject().put("count", data.size())));
        });
    }

    private void enroll(RoutingContext ctx) {
        handle(ctx, () -> {
            JsonObject data = data(ctx, "sequenceState");
            JsonObject relationships = data.getValue("relationships") instanceof JsonObject r ? r : new JsonObject();
            long prospect = relationship(relationships, "prospect", "Prospect");
            long sequence = relationship(relationships, "sequence", "Sequence");
            long mailbox = relationship(relationships, "mailbox", "Mailbox");
            if (!config.sequenceIds().contains(sequence)) {
                throw OutreachRefusal.notFound("sequence", sequence);
            }
            if (!config.mailboxIds().contains(mailbox)) {
                throw OutreachRefusal.notFound("mailbox", mailbox);
            }
            SequenceState state = store.enroll(prospect, sequence, mailbox);
            JsonApiResponses.send(ctx, 201, new JsonObject().put("data", stateDocument(state)));
        });
    }

    private static void handle(RoutingContext ctx, Runnable action) {
        try {
            action.run();
        } catch (OutreachRefusal refusal) {
            JsonApiResponses.fail(ctx, refusal.status(), refusal.error());
        }
    }

    /** The request's {@code data} object, of the given JSON:API type. */
    private static JsonObject data(RoutingContext ctx, String type) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            throw OutreachRefusal.badRequest("The body is not a JSON object.");
        }
        if (body == null || !(body.getValue("data") instanceof JsonObject data)) {
            throw OutreachRefusal.badRequest("The body must be a JSON:API document with a 'data' object.");
        }
        if (!type.equals(data.getValue("type"))) {
            throw new OutreachRefusal(409, JsonApiResponses.error("typeMismatch", "Conflict",
                    "data.type must be '" + type + "', got '" + data.getValue("type") + "'."));
        }
        return data;
    }

    private static JsonObject attributes(JsonObject data) {
        Object attributes = data.getValue("attributes");
        if (attributes == null) {
            return new JsonObject();
        }
        if (!(attributes instanceof JsonObject object)) {
            throw OutreachRefusal.badRequest("data.attributes must be an object.");
        }
        return object;
    }

    private static long relationship(JsonObject relationships, String name, String label) {
        Object related = relationships.getValue(name);
        if (!(related instanceof JsonObject wrapper) || !(wrapper.getValue("data") instanceof JsonObject data)) {
            throw OutreachRefusal.validation(label + " can't be blank.");
        }
        if (!name.equals(data.getValue("type"))) {
            throw new OutreachRefusal(409, JsonApiResponses.error("typeMismatch", "Conflict",
                    "relationships." + name + ".data.type must be '" + name + "'."));
        }
        Long id = id(data.getValue("id"));
        if (id == null) {
            throw OutreachRefusal.badRequest("relationships." + name + ".data.id must be an integer id.");
        }
        return id;
    }

    private static long pathId(RoutingContext ctx) {
        Long id = id(ctx.pathParam("id"));
        if (id == null) {
            throw OutreachRefusal.badRequest("The id in the URL must be an integer.");
        }
        return id;
    }

    private static Long queryId(RoutingContext ctx, String name) {
        String value = ctx.queryParams().get(name);
        if (value == null) {
            return null;
        }
        Long id = id(value);
        if (id == null) {
            throw OutreachRefusal.badRequest(name + " must be an integer id.");
        }
        return id;
    }

    /** Outreach ids are integers; JSON:API clients send them as numbers or strings. */
    private static Long id(Object value) {
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

    private JsonObject prospectDocument(Prospect prospect) {
        String base = baseUrl.get() + "/api/v2/";
        return new JsonObject().put("type", "prospect").put("id", prospect.id())
                .put("attributes", prospect.attributes())
                .put("relationships", new JsonObject().put("sequenceStates", new JsonObject().put("links",
                        new JsonObject().put("related", base + "sequenceStates?filter%5Bprospect%5D%5Bid%5D="
                                + prospect.id()))))
                .put("links", new JsonObject().put("self", base + "prospects/" + prospect.id()));
    }

    private JsonObject stateDocument(SequenceState state) {
        return new JsonObject().put("type", "sequenceState").put("id", state.id())
                .put("attributes", new JsonObject().put("state", state.state()))
                .put("relationships", new JsonObject()
                        .put("prospect", related("prospect", state.prospectId()))
                        .put("sequence", related("sequence", state.sequenceId()))
                        .put("mailbox", related("mailbox", state.mailboxId())))
                .put("links", new JsonObject().put("self", baseUrl.get() + "/api/v2/sequenceStates/" + state.id()));
    }

    private static JsonObject related(String type, long id) {
        return new JsonObject().put("data", new JsonObject().put("type", type).put("id", id));
    }
}
