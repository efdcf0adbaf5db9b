package io.clayflow.fakes.clay;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /webhooks/<id>}: a Clay webhook source. In order: 413 (body over the limit, before anything else, as
 * the body is not read), 404 (no such webhook), the injected faults, 401 (token), 402 (the workspace is out of
 * credits), 400 (an array the workspace refuses, a bad body or rows), 403 (lifetime submission cap), 429 (workspace
 * rate limit), then 200 — rows past the table's row cap or already in it are answered 200 like the rest but not added,
 * and so is an array the workspace takes as one row. Errors are {@code {code, message, ...}} JSON.
 */
final class WebhookHandler implements Handler<RoutingContext> {

    static final String AUTH_HEADER = "x-clay-webhook-auth";
    static final String CAP_REACHED_CODE = "webhook_submission_limit_reached";

    private final Workspace workspace;
    private final FaultInjector faults;
    private final HttpApiColumn column;
    private final SimulatorCounters counters;
    private final Timers timers;
    private final int maxBodyBytes;
    private final ArrayMode arrayMode;
    private final ArrivalLog arrivals;

    WebhookHandler(Workspace workspace, FaultInjector faults, HttpApiColumn column, SimulatorCounters counters,
                   Timers timers, int maxBodyBytes, ArrayMode arrayMode, ArrivalLog arrivals) {
        this.workspace = workspace;
        this.faults = faults;
        this.column = column;
        this.counters = counters;
        this.timers = timers;
        this.maxBodyBytes = maxBodyBytes;
        this.arrayMode = arrayMode;
        this.arrivals = arrivals;
    }

    @Override
    public void handle(RoutingContext ctx) {
        WebhookRequest request = WebhookRequest.parse(ctx.body().buffer());
        int rows = request.rowCount();
        counters.request(rows);
        Faults current = faults.faults();

        String id = ctx.pathParam("id");
        Optional<Webhook> found = workspace.webhook(id);
        if (found.isEmpty()) {
            refuse(ctx, current, 404, Refusal.NOT_FOUND, rows, error("webhook_not_found", "no webhook '" + id + "'"));
            return;
        }
        Webhook webhook = found.get();

        switch (faults.onWebhookRequest(current)) {
            case FORCED_STATUS -> {
                // A forced 2xx answers like success but loses the rows: Clay acknowledging and then dropping them.
                int status = current.forcedStatus();
                refuse(ctx, current, status, Refusal.FAULT, rows, status < 300
                        ? new JsonObject().put("status", "success").put("rows", rows)
                        : error("injected_fault", "forced status " + status));
                return;
            }
            case TIMEOUT -> {
                counters.answered(SimulatorCounters.TIMEOUT);
                counters.refused(Refusal.FAULT, rows);
                timers.schedule(current.webhookTimeoutHold().toMillis(), () -> ctx.request().connection().close());
                return;
            }
            case ERROR -> {
                refuse(ctx, current, 503, Refusal.FAULT, rows, error("injected_fault", "service unavailable"));
                return;
            }
            default -> {
                // no fault: on to the webhook's own checks
            }
        }

        String token = webhook.config().token();
        if (token != null && !matches(token, ctx.request().getHeader(AUTH_HEADER))) {
            refuse(ctx, current, 401, Refusal.AUTH, rows, error("unauthorized",
                    "missing or wrong " + AUTH_HEADER + " header"));
            return;
        }

        if (workspace.creditsExhausted()) {
            refuse(ctx, current, 402, Refusal.NO_CREDITS, rows, error("credits_exhausted",
                    "the workspace is out of credits: add credits to go on"));
            return;
        }

        if (request.array() && arrayMode == ArrayMode.REFUSE) {
            refuse(ctx, current, 400, Refusal.ARRAY_REFUSED, rows, error("arrays_not_accepted",
                    "send one JSON object per request: each is one row"));
            return;
        }

        if (!request.valid()) {
            refuse(ctx, current, 400, Refusal.BAD_ROW, rows, badRequest(request));
            return;
        }

        boolean asOneRow = request.array() && arrayMode == ArrayMode.ONE_ROW;
        Workspace.Submission submission = workspace.submit(webhook, asOneRow
                ? List.of(new JsonObject().put("body", new JsonArray(List.copyOf(request.rows())))) : request.rows());
        if (submission instanceof Workspace.CapReached cap) {
            refuse(ctx, current, 403, Refusal.CAP_REACHED, rows, error(CAP_REACHED_CODE,
                    "webhook submission limit reached: " + cap.used() + " of " + cap.cap() + " submissions used, "
                            + rows + " more requested")
                    .put("submissions", cap.used()).put("submission_cap", cap.cap()));
        } else if (submission instanceof Workspace.RateLimited limited) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
            refuse(ctx, current, 429, Refusal.RATE_LIMITED, rows, error("rate_limited",
                    "workspace rate limit exceeded; retry after " + limited.retryAfterSeconds() + " s")
                    .put("retry_after_seconds", limited.retryAfterSeconds()));
        } else if (submission instanceof Workspace.Accepted accepted && asOneRow) {
            // The table holds one row without a lead_id: no lead arrived as itself, none will call back.
            counters.refused(Refusal.ARRAY_AS_ONE_ROW, rows);
            arrivals.taken(rows);
            answer(ctx, current, 200, new JsonObject().put("status", "success").put("rows", 1));
        } else if (submission instanceof Workspace.Accepted accepted) {
            arrivals.taken(rows);
            counters.added(accepted.added().size());
            counters.refused(Refusal.DUPLICATE, accepted.duplicates());
            counters.refused(Refusal.TABLE_FULL, accepted.tableFull());
            accepted.added().forEach(column::rowAdded);
            answer(ctx, current, 200, new JsonObject().put("status", "success").put("rows", rows));
        }
    }

    /** The failure handler's part: a body over the limit, refused before it is read. */
    void tooLarge(RoutingContext ctx) {
        counters.request(1);
        refuse(ctx, faults.faults(), 413, Refusal.TOO_LARGE, 1, error("payload_too_large",
                "the body is larger than " + maxBodyBytes + " bytes"));
    }

    private void refuse(RoutingContext ctx, Faults current, int status, Refusal reason, int rows, JsonObject body) {
        counters.refused(reason, rows);
        answer(ctx, current, status, body);
    }

    private void answer(RoutingContext ctx, Faults current, int status, JsonObject body) {
        counters.answered(String.valueOf(status));
        if (status == 429 && ctx.response().headers().get(HttpHeaders.RETRY_AFTER) == null) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        Runnable send = () -> {
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(status)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(body.encode());
            }
        };
        long latency = current.webhookLatency().toMillis();
        if (latency > 0) {
            timers.schedule(latency, send);
        } else {
            send.run();
        }
    }

    private static JsonObject badRequest(WebhookRequest request) {
        if (request.problem() != null) {
            return error("bad_body", request.problem());
        }
        JsonArray errors = new JsonArray();
        request.errors().forEach(rowError -> errors.add(rowError.toJson()));
        WebhookRequest.RowError first = request.errors().get(0);
        String message = request.errors().size() == 1
                ? "row " + first.index() + ": " + first.reason()
                : request.errors().size() + " bad rows, first: row " + first.index() + ": " + first.reason();
        return error("bad_row", message).put("errors", errors);
    }

    static JsonObject error(String code, String message) {
        return new JsonObject().put("code", code).put("message", message);
    }

    private static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
