package io.clayflow.fakes.clay;

import io.clayflow.fakes.SaasFake;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running stand-in for a Clay workspace: webhooks that take rows under Clay's limits into tables, deterministic
 * enrichment, an HTTP API column calling back, fault knobs, and counters. Start one with {@link #start(SimulatorConfig)}
 * (blocking, owns its Vert.x) or {@link #start(Vertx, SimulatorConfig)}; close it when done.
 */
public final class ClaySimulator extends SaasFake<SimulatorConfig> {

    private static final Logger LOG = LoggerFactory.getLogger(ClaySimulator.class);

    private final Workspace workspace;
    private final FaultInjector faults;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final ArrivalLog arrivals = new ArrivalLog(System::nanoTime);
    private final DroppedCallbacks droppedCallbacks = new DroppedCallbacks();
    private final Timers timers;
    private final CallbackSender callbackSender;
    private final WebhookHandler webhookHandler;

    private ClaySimulator(Vertx vertx, boolean ownsVertx, SimulatorConfig config) {
        super(vertx, ownsVertx, "Clay simulator", config.host(), config.port(), config);
        this.workspace = new Workspace(config, System::nanoTime);
        this.faults = new FaultInjector(config.faults(), config.seed());
        this.timers = new Timers(vertx);
        this.callbackSender = config.callback().enabled()
                ? new CallbackSender(vertx, config.callback(), counters, timers, droppedCallbacks) : null;
        HttpApiColumn column = new HttpApiColumn(new LeadEnricher(config.seed()), config.enrichmentDelay(), faults,
                callbackSender, timers, counters, droppedCallbacks);
        this.webhookHandler = new WebhookHandler(workspace, faults, column, counters, timers, config.maxBodyBytes(),
                config.arrayMode(), arrivals);
    }

    /** Starts a simulator on {@code vertx}, which stays the caller's to close. */
    public static Future<ClaySimulator> start(Vertx vertx, SimulatorConfig config) {
        return startOn(vertx, config, ClaySimulator::new);
    }

    /** Starts a simulator on a Vert.x of its own and waits until it listens; for tests and the app. */
    public static ClaySimulator start(SimulatorConfig config) {
        return startOwned(config, ClaySimulator::new, "the Clay simulator on " + config.host() + ":" + config.port());
    }

    @Override
    protected void mount(Router router) {
        router.post("/webhooks/:id")
                .handler(BodyHandler.create(false).setBodyLimit(config().maxBodyBytes()))
                .handler(webhookHandler)
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) {
                        webhookHandler.tooLarge(ctx);
                    } else {
                        fail(ctx);
                    }
                });
        new AdminApi(this).mount(router);
        droppedCallbacks.mount(router);
        router.route().last().handler(ctx -> AdminApi.json(ctx, 404,
                WebhookHandler.error("not_found", "no endpoint " + ctx.request().method() + " " + ctx.request().path())));
        router.route().failureHandler(ClaySimulator::fail);
    }

    private static void fail(io.vertx.ext.web.RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.error("Simulator endpoint {} failed", ctx.request().path(), ctx.failure());
        }
        if (!ctx.response().ended()) {
            AdminApi.json(ctx, status, WebhookHandler.error("error", ctx.failure() == null
                    ? "HTTP " + status : String.valueOf(ctx.failure().getMessage())));
        }
    }

    /** The URL of a webhook: {@code http://<host>:<port>/webhooks/<id>}. */
    public String webhookUrl(String webhookId) {
        return baseUrl() + "/webhooks/" + webhookId;
    }

    /**
     * Adds a webhook (and its empty table) to the running workspace.
     *
     * @throws IllegalArgumentException when a webhook with that id exists
     */
    public void addWebhook(WebhookConfig webhook) {
        workspace.addWebhook(webhook);
    }

    /** The webhooks, in the order they were added. */
    public List<WebhookConfig> webhooks() {
        return workspace.webhooks().stream().map(Webhook::config).toList();
    }

    /** Replaces the faults in force (webhook faults from the next request, callback faults from the next row). */
    public void setFaults(Faults newFaults) {
        faults.set(newFaults);
        LOG.info("Faults now {}", newFaults);
    }

    public Faults faults() {
        return faults.faults();
    }

    /** Puts the workspace out of credits (every webhook request answered 402) or gives it credits again. */
    public void setCreditsExhausted(boolean exhausted) {
        workspace.setCreditsExhausted(exhausted);
        LOG.info("Workspace credits now {}", exhausted ? "exhausted (402)" : "available");
    }

    public boolean creditsExhausted() {
        return workspace.creditsExhausted();
    }

    /** The most rows the workspace took (2xx) within any window of this length: a connector's pace, as Clay sees it. */
    public long maxRowsTakenInAnyWindow(Duration window) {
        return arrivals.maxRowsInAnyWindow(window);
    }

    /** The most webhook requests the workspace took (2xx) within any window of this length. */
    public long maxRequestsTakenInAnyWindow(Duration window) {
        return arrivals.maxRequestsInAnyWindow(window);
    }

    /** The counters now. */
    public SimulatorStats stats() {
        Map<String, SimulatorStats.WebhookStats> perWebhook = new LinkedHashMap<>();
        workspace.webhooks().forEach(webhook -> perWebhook.put(webhook.config().id(), webhook.stats()));
        return counters.snapshot(perWebhook);
    }

    /**
     * The {@code lead_id}s of rows Clay took whose HTTP API column never called back (the column failed, or every
     * attempt to reach the callback URL did), in the order they were dropped: {@code GET /admin/callbacks/dropped}.
     */
    public List<String> droppedCallbackLeadIds() {
        return droppedCallbacks.leadIds();
    }

    /** One webhook's usage, or {@code null} when there is no such webhook. */
    public SimulatorStats.WebhookStats webhookStats(String webhookId) {
        return workspace.webhook(webhookId).map(Webhook::stats).orElse(null);
    }

    /**
     * The {@code lead_id}s of the rows in a webhook's table, in the order they were added.
     *
     * @throws IllegalArgumentException when there is no such webhook
     */
    public List<String> rowLeadIds(String webhookId) {
        return table(webhookId).leadIds();
    }

    /**
     * Copies of the rows in a webhook's table, as they were received, in the order they were added.
     *
     * @throws IllegalArgumentException when there is no such webhook
     */
    public List<JsonObject> rows(String webhookId) {
        return table(webhookId).rows();
    }

    private ClayTable table(String webhookId) {
        return workspace.webhook(webhookId).map(Webhook::table)
                .orElseThrow(() -> new IllegalArgumentException("no webhook '" + webhookId + "'"));
    }

    /**
     * Stops listening and cancels what is still due (enrichments, retries, held requests); closes its own Vert.x when it
     * made one. Safe to call on an event loop.
     */
    @Override
    public Future<Void> stop() {
        timers.cancelAll();
        if (callbackSender != null) {
            callbackSender.close();
        }
        return super.stop();
    }
}
