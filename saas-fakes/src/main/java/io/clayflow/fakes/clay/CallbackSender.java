package io.clayflow.fakes.clay;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a callback the way Clay's HTTP API column does: JSON, the configured bearer token, each attempt bounded by
 * the timeout; connection errors, timeouts, 408, 429 and 5xx are retried a bounded number of times with a doubling
 * backoff, anything else fails at once. Every outcome is counted.
 */
final class CallbackSender {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final CallbackConfig config;
    private final SimulatorCounters counters;
    private final Timers timers;
    private final WebClient client;
    private final DroppedCallbacks dropped;

    CallbackSender(Vertx vertx, CallbackConfig config, SimulatorCounters counters, Timers timers,
            DroppedCallbacks dropped) {
        this.dropped = dropped;
        this.config = config;
        this.counters = counters;
        this.timers = timers;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("clayflow-clay-simulator")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
    }

    void send(JsonObject payload) {
        attempt(payload, 1);
    }

    void close() {
        client.close();
    }

    private void attempt(JsonObject payload, int attempt) {
        counters.callback(SimulatorCounters.Callback.ATTEMPTED);
        HttpRequest<Buffer> request = client.postAbs(config.url()).timeout(config.timeout().toMillis());
        if (config.token() != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + config.token());
        }
        request.sendJsonObject(payload).onComplete(result -> settle(payload, attempt, result));
    }

    private void settle(JsonObject payload, int attempt, AsyncResult<HttpResponse<Buffer>> result) {
        int status = result.succeeded() ? result.result().statusCode() : 0;
        if (status >= 200 && status < 300) {
            counters.callback(SimulatorCounters.Callback.SENT);
            dropped.delivered(payload);
            return;
        }
        String outcome = result.succeeded() ? "HTTP " + status : result.cause().toString();
        boolean retryable = status == 0 || status == 408 || status == 429 || status >= 500;
        if (retryable && attempt < config.maxAttempts()) {
            long backoff = config.retryBackoff().toMillis() << Math.min(20, attempt - 1);
            timers.schedule(backoff, () -> attempt(payload, attempt + 1));
            return;
        }
        counters.callback(SimulatorCounters.Callback.FAILED);
        dropped.dropped(payload, DroppedCallbacks.DELIVERY_FAILED);
        LOG.warn("Callback for lead_id {} to {} failed after {} attempt(s): {}", payload.getString("lead_id"),
                config.url(), attempt, outcome);
    }
}
