package io.clayflow.fakes.hubspot;

import io.clayflow.fakes.SaasFake;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for HubSpot's CRM contacts batch upsert with HubSpot's auth, limits, validation and answers, plus
 * a small API to read what it stored and how it was called. Start it with {@link #start(HubSpotConfig)} (blocking,
 * owns its Vert.x) or {@link #start(Vertx, HubSpotConfig)}; close it when done.
 */
public final class HubSpotSimulator extends SaasFake<HubSpotConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotSimulator.class);
    // Well above 100 inputs of the largest allowed values would be silly; HubSpot's own body limit is not documented.
    private static final long MAX_BATCH_BODY_BYTES = 30L * 1024 * 1024;

    private final ContactStore store = new ContactStore(Clock.systemUTC());
    private final HubSpotCounters counters = new HubSpotCounters();
    private final AtomicReference<HubSpotFaults> faults;
    private final ApiGate gate;
    private final AtomicReference<WebhookFaults> webhookFaults = new AtomicReference<>(WebhookFaults.none());
    private final WebhookSubscriptions webhooks;

    private HubSpotSimulator(Vertx vertx, boolean ownsVertx, HubSpotConfig config) {
        super(vertx, ownsVertx, "HubSpot simulator", config.host(), config.port(), config);
        this.faults = new AtomicReference<>(config.faults());
        this.gate = new ApiGate(vertx, config, faults::get, counters);
        this.webhooks = new WebhookSubscriptions(vertx, webhookFaults::get);
        store.listener(webhooks::written);
    }

    /** Starts a fake on {@code vertx}, which stays the caller's to close. */
    public static Future<HubSpotSimulator> start(Vertx vertx, HubSpotConfig config) {
        return startOn(vertx, config, HubSpotSimulator::new);
    }

    /** Starts a fake on a Vert.x of its own and waits until it listens. */
    public static HubSpotSimulator start(HubSpotConfig config) {
        return startOwned(config, HubSpotSimulator::new, "the HubSpot simulator");
    }

    @Override
    protected void mount(Router router) {
        ContactApi api = new ContactApi(gate, config(), store, counters);
        BodyHandler batchBody = BodyHandler.create(false).setBodyLimit(MAX_BATCH_BODY_BYTES);
        router.post(BatchUpsertHandler.PATH).handler(batchBody).handler(new BatchUpsertHandler(api));
        router.post(BatchUpdateHandler.PATH).handler(batchBody).handler(new BatchUpdateHandler(api));
        router.post(BatchReadHandler.PATH).handler(batchBody).handler(new BatchReadHandler(api));
        router.post(SearchHandler.PATH).handler(BodyHandler.create(false).setBodyLimit(SearchHandler.BODY_LIMIT))
                .handler(new SearchHandler(api));
        router.get("/admin/contacts").handler(ctx -> SaasFake.json(ctx, 200, contactsJson()));
        router.post("/admin/contacts").handler(BodyHandler.create(false).setBodyLimit(100_000))
                .handler(this::adminCreate);
        router.patch("/admin/contacts/:id").handler(BodyHandler.create(false).setBodyLimit(100_000))
                .handler(this::adminUpdate);
        router.get("/admin/stats").handler(ctx -> SaasFake.json(ctx, 200, stats().toJson()));
        router.put("/admin/webhooks").handler(BodyHandler.create(false).setBodyLimit(10_000))
                .handler(this::putWebhooks);
        router.put("/admin/faults").handler(BodyHandler.create(false).setBodyLimit(10_000)).handler(this::putFaults);
        router.get("/health").handler(ctx -> SaasFake.json(ctx, 200, new JsonObject().put("status", "UP")));
        router.route().last().handler(ctx -> SaasFake.json(ctx, 404, HubSpotErrors.error("OBJECT_NOT_FOUND",
                "no endpoint " + ctx.request().method() + " " + ctx.request().path())));
    }

    /** Every contact, in the order they were created. */
    public List<HubSpotContact> contacts() {
        return store.all();
    }

    /** The contact with this email (case-insensitive), if any. */
    public Optional<HubSpotContact> contact(String email) {
        return store.byEmail(email);
    }

    /** The contact with this record id, if any. */
    public Optional<HubSpotContact> contactById(String id) {
        return store.byId(id);
    }

    /**
     * Creates a contact as a person in HubSpot's UI or an import would (no API limits apply): the properties given,
     * with or without an email.
     */
    public HubSpotContact createContact(java.util.Map<String, String> properties) {
        return store.create(new java.util.HashMap<>(properties), ContactStore.CRM_UI);
    }

    /** Changes a contact as a person in HubSpot's UI would; empty when there is no such contact. */
    public Optional<HubSpotContact> updateContact(String id, java.util.Map<String, String> properties) {
        return store.update(id, properties, ContactStore.CRM_UI);
    }

    /**
     * Subscribes the app to {@code contact.creation} and {@code contact.propertyChange}: from now on every contact
     * written is delivered to {@code url}, signed with {@code clientSecret}.
     */
    public void subscribeWebhooks(String url, String clientSecret) {
        webhooks.subscribe(new WebhookSubscriptions.Subscription(url, clientSecret));
    }

    /** Replaces what webhook deliveries get wrong on purpose, from the next delivery on. */
    public void setWebhookFaults(WebhookFaults faults) {
        webhookFaults.set(Objects.requireNonNull(faults, "faults"));
    }

    /** Webhook deliveries sent (every attempt), answered 2xx, and answered otherwise or not at all. */
    public long[] webhookDeliveries() {
        return webhooks.counts();
    }

    public HubSpotStats stats() {
        return counters.snapshot();
    }

    /** Replaces the faults in force, from the next request on. */
    public void setFaults(HubSpotFaults newFaults) {
        faults.set(Objects.requireNonNull(newFaults, "faults"));
        LOG.info("HubSpot faults now {}", newFaults);
    }

    public HubSpotFaults faults() {
        return faults.get();
    }

    private JsonObject contactsJson() {
        JsonArray list = new JsonArray();
        contacts().forEach(contact -> list.add(new JsonObject().put("id", contact.id()).put("email", contact.email())
                .put("version", contact.version()).put("createdAt", contact.createdAt().toString())
                .put("updatedAt", contact.updatedAt().toString())
                .put("properties", new JsonObject(new java.util.HashMap<>(contact.properties())))));
        return new JsonObject().put("count", list.size()).put("contacts", list);
    }

    /** {@code POST /admin/contacts {"properties": {...}}}: a contact made in the CRM, answered as HubSpot would. */
    private void adminCreate(RoutingContext ctx) {
        JsonObject properties = adminProperties(ctx);
        if (properties != null) {
            SaasFake.json(ctx, 201, ContactJson.of(createContact(strings(properties)), java.util.List.of()));
        }
    }

    /** {@code PATCH /admin/contacts/<id> {"properties": {...}}}: a change made in the CRM. */
    private void adminUpdate(RoutingContext ctx) {
        JsonObject properties = adminProperties(ctx);
        if (properties != null) {
            updateContact(ctx.pathParam("id"), strings(properties)).ifPresentOrElse(
                    contact -> SaasFake.json(ctx, 200, ContactJson.of(contact, java.util.List.of())),
                    () -> SaasFake.json(ctx, 404, HubSpotErrors.error("OBJECT_NOT_FOUND", "no contact "
                            + ctx.pathParam("id"))));
        }
    }

    private static JsonObject adminProperties(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body != null && body.getValue("properties") instanceof JsonObject properties) {
                return properties;
            }
        } catch (RuntimeException e) {
            // answered below
        }
        SaasFake.json(ctx, 400, HubSpotErrors.validation("body must be {\"properties\": {name: value}}"));
        return null;
    }

    private static java.util.Map<String, String> strings(JsonObject properties) {
        java.util.Map<String, String> values = new java.util.HashMap<>();
        properties.forEach(entry -> values.put(entry.getKey(), String.valueOf(entry.getValue())));
        return values;
    }

    /**
     * {@code PUT /admin/webhooks {"url": ..., "client_secret": ..., "bad_signature": false, "stale_timestamp":
     * false, "duplicates": false, "out_of_order": false}}}: the subscription and its delivery faults.
     */
    private void putWebhooks(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            subscribeWebhooks(body.getString("url"), body.getString("client_secret"));
            setWebhookFaults(new WebhookFaults(body.getBoolean("bad_signature", false),
                    body.getBoolean("stale_timestamp", false), body.getBoolean("duplicates", false),
                    body.getBoolean("out_of_order", false)));
            SaasFake.json(ctx, 200, new JsonObject().put("url", body.getString("url")));
        } catch (RuntimeException e) {
            SaasFake.json(ctx, 400, HubSpotErrors.validation("bad webhook subscription: " + e.getMessage()));
        }
    }

    @Override
    public Future<Void> stop() {
        webhooks.close();
        return super.stop();
    }

    /** {@code {"error_rate": 0.1, "forced_status": 503, "retry_after_ms": 1000, "latency_ms": 0}}; {} clears. */
    private void putFaults(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            JsonObject given = body == null ? new JsonObject() : body;
            setFaults(new HubSpotFaults(given.getDouble("error_rate", 0.0), given.getInteger("forced_status", 0),
                    java.time.Duration.ofMillis(given.getLong("retry_after_ms", 1000L)),
                    java.time.Duration.ofMillis(given.getLong("latency_ms", 0L))));
            SaasFake.json(ctx, 200, given);
        } catch (RuntimeException e) {
            SaasFake.json(ctx, 400, HubSpotErrors.validation("bad faults: " + e.getMessage()));
        }
    }


}
