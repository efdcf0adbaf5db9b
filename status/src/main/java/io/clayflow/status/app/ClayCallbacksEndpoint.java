package io.clayflow.status.app;

import io.clayflow.status.ClayCallbacks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Clay ledger on the status page: {@code GET /clay-callbacks.json} (overdue rows, rows awaiting a callback and the
 * oldest one's age, per table) and the gauges {@code clayflow_clay_callbacks_overdue},
 * {@code clayflow_clay_callbacks_open} and {@code clayflow_clay_callbacks_oldest_open_age_seconds}, tagged
 * {@code table}. Read off the event loop, at most once per refresh interval.
 */
final class ClayCallbacksEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(ClayCallbacksEndpoint.class);

    private final Vertx vertx;
    private final Supplier<ClayCallbacks> ledger;
    private final Duration refreshInterval;
    private final MeterRegistry registry;
    private final Map<String, double[]> gauges = new ConcurrentHashMap<>(); // table -> {overdue, open, oldest age s}
    private volatile ClayCallbacks latest;
    private volatile Instant readAt = Instant.EPOCH;
    private volatile boolean reading;

    /** {@code ledger}: one reading of the Clay ledger's figures (blocking; run off the event loop). */
    ClayCallbacksEndpoint(Vertx vertx, Supplier<ClayCallbacks> ledger, Duration refreshInterval,
            MeterRegistry registry) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void mount(Router router) {
        router.get("/clay-callbacks.json").handler(ctx -> {
            refreshIfStale();
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(json(latest).encode());
        });
    }

    /** Starts a reading when the last one is older than the interval; callers get the last one at once. */
    void refreshIfStale() {
        if (reading || Duration.between(readAt, Clock.systemUTC().instant()).compareTo(refreshInterval) < 0) {
            return;
        }
        reading = true;
        vertx.executeBlocking(ledger::get, false).onComplete(result -> {
            reading = false;
            readAt = Clock.systemUTC().instant();
            if (result.succeeded()) {
                latest = result.result();
                latest.tables().forEach((table, summary) -> {
                    Duration age = latest.oldestOpenAge(table);
                    double[] values = gauges.computeIfAbsent(table, this::register);
                    values[0] = summary.overdue();
                    values[1] = summary.open();
                    values[2] = age == null ? 0 : age.toSeconds();
                });
            } else {
                LOG.warn("Could not read the Clay ledger's figures: {}", result.cause().getMessage());
            }
        });
    }

    private double[] register(String table) {
        double[] values = new double[3];
        Gauge.builder("clayflow_clay_callbacks_overdue", values, v -> v[0]).tag("table", table)
                .description("Rows Clay accepted with no callback within the table's timeout").register(registry);
        Gauge.builder("clayflow_clay_callbacks_open", values, v -> v[1]).tag("table", table)
                .description("Rows Clay accepted awaiting their callback, overdue ones included").register(registry);
        Gauge.builder("clayflow_clay_callbacks_oldest_open_age_seconds", values, v -> v[2]).tag("table", table)
                .description("How long the oldest row awaiting its callback has waited").register(registry);
        return values;
    }

    static JsonObject json(ClayCallbacks callbacks) {
        JsonObject json = new JsonObject().put("overdue", callbacks == null ? 0 : callbacks.overdue());
        JsonObject tables = new JsonObject();
        if (callbacks != null) {
            callbacks.tables().forEach((table, summary) -> {
                Duration age = callbacks.oldestOpenAge(table);
                tables.put(table, new JsonObject().put("overdue", summary.overdue()).put("open", summary.open())
                        .put("oldest_open_age_seconds", age == null ? null : age.toSeconds())
                        .put("late_total", summary.lateTotal()).put("resent_total", summary.resentTotal()));
            });
        }
        return json.put("tables", tables).put("read", callbacks != null);
    }
}
