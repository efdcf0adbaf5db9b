package io.clayflow.fakes.clay;

import io.clayflow.fakes.SaasFake;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The simulator's own endpoints, a thin HTTP face of {@link ClaySimulator}'s Java API: counters, table rows, webhooks
 * added at run time, faults set at run time, health. No auth: a local test tool.
 */
final class AdminApi {

    private static final long MAX_ADMIN_BODY_BYTES = 1_000_000;

    private final ClaySimulator simulator;

    AdminApi(ClaySimulator simulator) {
        this.simulator = simulator;
    }

    void mount(Router router) {
        router.route("/admin/*").handler(BodyHandler.create(false).setBodyLimit(MAX_ADMIN_BODY_BYTES));
        router.get("/admin/stats").handler(ctx -> json(ctx, 200, simulator.stats().toJson()));
        router.get("/admin/rows").handler(this::rows);
        router.get("/admin/webhooks").handler(this::webhooks);
        router.post("/admin/webhooks").handler(this::addWebhook);
        router.get("/admin/faults").handler(ctx -> json(ctx, 200, simulator.faults().toJson()));
        router.put("/admin/faults").handler(this::setFaults);
        router.get("/admin/credits").handler(ctx -> json(ctx, 200, credits()));
        router.put("/admin/credits").handler(this::setCredits);
        router.get("/health").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    }

    private void rows(RoutingContext ctx) {
        String id = ctx.queryParams().get("webhook");
        if (id == null || id.isBlank()) {
            json(ctx, 400, WebhookHandler.error("bad_request", "query parameter 'webhook' is required"));
            return;
        }
        if (simulator.webhookStats(id) == null) {
            json(ctx, 404, WebhookHandler.error("webhook_not_found", "no webhook '" + id + "'"));
            return;
        }
        List<JsonObject> rows = simulator.rows(id);
        JsonArray leadIds = new JsonArray();
        rows.forEach(row -> leadIds.add(row.getString(WebhookRequest.LEAD_ID)));
        json(ctx, 200, new JsonObject().put("webhook", id).put("count", rows.size()).put("lead_ids", leadIds)
                .put("rows", new JsonArray(List.copyOf(rows))));
    }

    private void webhooks(RoutingContext ctx) {
        JsonArray list = new JsonArray();
        simulator.webhooks().forEach(webhook -> list.add(describe(webhook)));
        json(ctx, 200, new JsonObject().put("webhooks", list));
    }

    private void addWebhook(RoutingContext ctx) {
        JsonObject body;
        WebhookConfig webhook;
        try {
            body = ctx.body().asJsonObject();
            if (body == null) {
                throw new IllegalArgumentException("send a JSON object {id, token, submission_cap, row_cap, passthrough}");
            }
            webhook = new WebhookConfig(body.getString("id"), body.getString("token"),
                    body.getLong("submission_cap", WebhookConfig.DEFAULT_SUBMISSION_CAP),
                    body.getInteger("row_cap", WebhookConfig.DEFAULT_ROW_CAP), body.getBoolean("passthrough", false));
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            json(ctx, 400, WebhookHandler.error("bad_request", "bad webhook: " + e.getMessage()));
            return;
        }
        try {
            simulator.addWebhook(webhook);
        } catch (IllegalArgumentException e) {
            json(ctx, 409, WebhookHandler.error("conflict", e.getMessage()));
            return;
        }
        json(ctx, 201, describe(webhook));
    }

    private void setFaults(RoutingContext ctx) {
        Faults faults;
        try {
            JsonObject body = ctx.body().asJsonObject();
            faults = Faults.fromJson(body == null ? new JsonObject() : body);
        } catch (DecodeException | IllegalArgumentException e) {
            json(ctx, 400, WebhookHandler.error("bad_request", "bad faults: " + e.getMessage()));
            return;
        }
        simulator.setFaults(faults);
        json(ctx, 200, faults.toJson());
    }

    /** {@code PUT /admin/credits} {@code {"exhausted": true}}: the workspace answers 402 until {@code false}. */
    private void setCredits(RoutingContext ctx) {
        Boolean exhausted;
        try {
            JsonObject body = ctx.body().asJsonObject();
            exhausted = body == null ? null : body.getBoolean("exhausted");
        } catch (DecodeException | ClassCastException e) {
            exhausted = null;
        }
        if (exhausted == null) {
            json(ctx, 400, WebhookHandler.error("bad_request", "send {\"exhausted\": true|false}"));
            return;
        }
        simulator.setCreditsExhausted(exhausted);
        json(ctx, 200, credits());
    }

    private JsonObject credits() {
        return new JsonObject().put("exhausted", simulator.creditsExhausted());
    }

    private JsonObject describe(WebhookConfig webhook) {
        SimulatorStats.WebhookStats stats = simulator.webhookStats(webhook.id());
        return new JsonObject().put("id", webhook.id()).put("url", simulator.webhookUrl(webhook.id()))
                .put("token_set", webhook.token() != null).put("submission_cap", webhook.submissionCap())
                .put("row_cap", webhook.rowCap()).put("passthrough", webhook.passthrough())
                .put("submissions", stats.submissions()).put("rows", stats.rows());
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        SaasFake.json(ctx, status, body);
    }
}
