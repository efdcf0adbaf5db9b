package io.clayflow.status.app;

import io.clayflow.status.ClayCallbacksReader;
import io.clayflow.status.page.PipelineGauges;
import io.clayflow.status.page.StatusJson;
import io.clayflow.status.page.StatusSnapshot;
import io.clayflow.status.page.StatusSnapshots;
import io.clayflow.status.page.StatusSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status app's one HTTP server: the page ({@code /status}), its figures ({@code /status.json}), the
 * {@code clayflow_pipeline_*} gauges ({@code /metrics}), the Clay ledger's figures ({@code /clay-callbacks.json},
 * {@link ClayCallbacksEndpoint}) and health ({@code /health/live}, {@code /health/ready}),
 * all answered from the last reading, which {@link StatusSnapshots} refreshes off the event loop.
 */
public final class StatusServer {

    private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final StatusConfig config;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StatusSnapshots snapshots;
    private final StatusJson json;
    private final Buffer page = Buffer.buffer(resource("status/status.html"));
    private final ClayCallbacksEndpoint clayCallbacks;
    private HttpServer server;

    private StatusServer(Vertx vertx, StatusConfig config) {
        this.vertx = vertx;
        this.config = config;
        PipelineGauges gauges = new PipelineGauges(registry, config.limits().creditsPerPeriod());
        this.snapshots = new StatusSnapshots(vertx, StatusSource.kafka(config.cluster(), config.names(),
                Clock.systemUTC()), config.refreshInterval(), config.timeout(), Clock.systemUTC(), gauges::update);
        this.json = new StatusJson(config.limits());
        this.clayCallbacks = new ClayCallbacksEndpoint(vertx, () -> ClayCallbacksReader.read(config.cluster(),
                Clock.systemUTC()), config.refreshInterval(), registry);
    }

    /** Starts the server; the first reading of Kafka happens on the first request. */
    public static Future<StatusServer> start(Vertx vertx, StatusConfig config) {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(config, "config");
        LOG.info("Starting the status app with {}", config.names());
        StatusServer status = new StatusServer(vertx, config);
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.management().host())
                        .setPort(config.management().port())).requestHandler(status.router()).listen()
                .map(server -> {
                    status.server = server;
                    LOG.info("Status app listening on {}:{}", config.management().host(), server.actualPort());
                    return status;
                }).onFailure(error -> status.snapshots.close());
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> ctx.response().putHeader("Content-Type", JSON)
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(ctx -> snapshots.current().onSuccess(snapshot -> ready(ctx, snapshot)));
        router.get("/metrics").handler(ctx -> {
            // The last reading's gauges at once; a stale one starts a refresh for the next scrape.
            snapshots.cached();
            clayCallbacks.refreshIfStale();
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
        });
        router.get("/status").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(page));
        router.get("/status.json").handler(ctx -> snapshots.current().onSuccess(snapshot -> ctx.response()
                .putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-store")
                .end(json.render(snapshot).encode())));
        clayCallbacks.mount(router);
        return router;
    }

    /** Ready while the last reading of Kafka succeeded: a page that cannot read the cluster shows stale figures. */
    private static void ready(RoutingContext ctx, StatusSnapshot snapshot) {
        boolean ready = snapshot.lastReadingSucceeded();
        ctx.response().setStatusCode(ready ? 200 : 503).putHeader("Content-Type", JSON)
                .end(new JsonObject().put("status", ready ? "UP" : "DOWN").put("kafka", ready ? "UP"
                        : "DOWN: " + snapshot.error()).encode());
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops serving, then closes the reader (its consumer and admin client). */
    public Future<Void> close() {
        return server.close().andThen(ignored -> snapshots.close())
                .onComplete(ignored -> LOG.info("Status app stopped"));
    }

    private static String resource(String name) {
        try (InputStream in = StatusServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
