package io.clayflow.fakes.outreach;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stand-in for an Outreach org's REST API v2 (prospects and sequence states) with Outreach's auth, JSON:API
 * shapes, errors and hourly limit, plus a Java API and {@code /admin/*} endpoints to read what it holds. Start one with
 * {@link #start(OutreachConfig)} (blocking, owns its Vert.x) or {@link #start(Vertx, OutreachConfig)}.
 */
public final class OutreachSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutreachSimulator.class);
    private static final long BLOCKING_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final OutreachConfig config;
    private final OutreachStore store;
    private final OutreachApi api;
    private HttpServer server;

    private OutreachSimulator(Vertx vertx, boolean ownsVertx, OutreachConfig config) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.ownsVertx = ownsVertx;
        this.config = Objects.requireNonNull(config, "config");
        this.store = new OutreachStore(config.excludedDomains(), Instant::now);
        this.api = new OutreachApi(vertx, config, store,
                new UserRateLimit(config.requestsPerWindow(), config.window().toMillis(), System::currentTimeMillis),
                this::baseUrl);
    }

    /** Starts a simulator on {@code vertx}, which stays the caller's to close. */
    public static Future<OutreachSimulator> start(Vertx vertx, OutreachConfig config) {
        return new OutreachSimulator(vertx, false, config).listen();
    }

    /** Starts a simulator on a Vert.x of its own and waits until it listens. */
    public static OutreachSimulator start(OutreachConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            return await(new OutreachSimulator(vertx, true, config).listen(), "start the Outreach simulator");
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    private Future<OutreachSimulator> listen() {
        Router router = Router.router(vertx);
        api.mount(router);
        router.get("/admin/stats").handler(ctx -> admin(ctx, stats().toJson()));
        router.get("/admin/prospects").handler(ctx -> {
            JsonArray list = new JsonArray();
            prospects().forEach(p -> list.add(new JsonObject().put("id", p.id()).put("attributes", p.attributes())));
            admin(ctx, new JsonObject().put("count", list.size()).put("prospects", list));
        });
        router.get("/admin/sequenceStates").handler(ctx -> {
            JsonArray list = new JsonArray();
            sequenceStates().forEach(s -> list.add(new JsonObject().put("id", s.id()).put("prospect_id", s.prospectId())
                    .put("sequence_id", s.sequenceId()).put("mailbox_id", s.mailboxId()).put("state", s.state())));
            admin(ctx, new JsonObject().put("count", list.size()).put("sequence_states", list));
        });
        router.get("/health").handler(ctx -> admin(ctx, new JsonObject().put("status", "UP")));
        return vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host()).map(listening -> {
            this.server = listening;
            LOG.info("Outreach simulator listening on {} with {}", baseUrl(), config);
            return this;
        });
    }

    private static void admin(io.vertx.ext.web.RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://<host>:<port>}: the base URL to configure instead of {@code https://api.outreach.io}. */
    public String baseUrl() {
        String host = "0.0.0.0".equals(config.host()) || "::".equals(config.host()) ? "127.0.0.1" : config.host();
        return "http://" + host + ":" + port();
    }

    public OutreachConfig config() {
        return config;
    }

    /** The prospects, in the order they were created. */
    public List<Prospect> prospects() {
        return store.prospects();
    }

    /** The prospect holding an email (compared case-insensitively), if any. */
    public java.util.Optional<Prospect> prospectByEmail(String email) {
        return store.findByEmail(email).stream().findFirst();
    }

    /** Every sequence state, in the order they were created. */
    public List<SequenceState> sequenceStates() {
        return store.states(null, null);
    }

    /** The sequence states of one sequence. */
    public List<SequenceState> sequenceStates(long sequenceId) {
        return store.states(null, sequenceId);
    }

    /**
     * Adds a prospect as if someone had created it in Outreach (not counted as a request).
     *
     * @throws IllegalArgumentException when Outreach would refuse it (a taken or excluded email, a bad attribute)
     */
    public Prospect addProspect(JsonObject attributes) {
        try {
            return store.create(attributes);
        } catch (OutreachRefusal refusal) {
            throw new IllegalArgumentException(refusal.getMessage(), refusal);
        }
    }

    /** Enrols a prospect in a sequence as if a rep had (not counted as a request). */
    public SequenceState enroll(long prospectId, long sequenceId, long mailboxId) {
        try {
            return store.enroll(prospectId, sequenceId, mailboxId);
        } catch (OutreachRefusal refusal) {
            throw new IllegalArgumentException(refusal.getMessage(), refusal);
        }
    }

    public void setFaults(OutreachFaults faults) {
        api.setFaults(faults);
        LOG.info("Outreach faults now {}", faults);
    }

    public OutreachFaults faults() {
        return api.faults();
    }

    public OutreachStats stats() {
        return api.stats();
    }

    /** Stops listening; closes its own Vert.x when it made one. */
    public Future<Void> stop() {
        if (ownsVertx) {
            return vertx.close();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    @Override
    public void close() {
        await(stop(), "stop the Outreach simulator");
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(BLOCKING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out after " + BLOCKING_TIMEOUT_SECONDS + " s waiting to " + what, e);
        }
    }
}
