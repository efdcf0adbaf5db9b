package io.clayflow.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.clayflow.config.ManagementEndpoint;
import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.gateway.config.HttpConfig;
import io.clayflow.gateway.config.HubSpotWebhookConfig;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The running gateway: the public server ({@code /v1/clay/callback}, {@code /v1/leads}, {@code /openapi.yaml}) and
 * the management server ({@code /health/live}, {@code /health/ready}, {@code /metrics}), over one Kafka producer.
 */
public final class GatewayServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    static final String CALLBACK_PATH = "/v1/clay/callback";
    static final String LEADS_PATH = "/v1/leads";
    static final String HUBSPOT_WEBHOOK_PATH = "/v1/hubspot/webhook";
    static final String OPENAPI_PATH = "/openapi.yaml";
    private static final Set<String> ROUTES = Set.of(CALLBACK_PATH, LEADS_PATH, HUBSPOT_WEBHOOK_PATH, OPENAPI_PATH);

    private final Vertx vertx;
    private final GatewayConfig config;
    private final KafkaPublisher publisher;
    private final GatewayMetrics metrics;
    private final ReadinessCheck readiness;
    private final CallbackHandler callbacks;
    private final LeadsHandler leads;
    private final HubSpotWebhookHandler hubspotWebhook;
    private final Buffer openApi = Buffer.buffer(resource("openapi.yaml"));
    private final List<HttpServer> publicServers = new CopyOnWriteArrayList<>();
    private final List<String> publicDeployments = new CopyOnWriteArrayList<>();
    private HttpServer managementServer;

    private GatewayServer(Vertx vertx, GatewayConfig config, Producer<String, Object> producer) {
        this.vertx = vertx;
        this.config = config;
        this.publisher = new KafkaPublisher(vertx, producer, config.produce());
        this.metrics = new GatewayMetrics(publisher::inFlight);
        publisher.metrics(metrics);
        this.readiness = new ReadinessCheck(vertx, config.kafka(), config.registryUrl(),
                config.lifecycle().readinessTimeout());
        // One of each for every public server instance: the replay cache in particular must be shared.
        Clock clock = Clock.systemUTC();
        StrictJson json = new StrictJson();
        CallbackConfig callback = config.callback();
        this.callbacks = new CallbackHandler(new PublishingRoute(json, clock, publisher, config.topics().enriched()),
                new CallbackMapper(callback.columns(), callback.defaultSource()),
                new ReplayCache(callback.replayWindow(), callback.replayMaxEntries(), clock), metrics);
        this.leads = new LeadsHandler(new PublishingRoute(json, clock, publisher, config.topics().raw()),
                new LeadMapper(config.leads().maxBatch()));
        HubSpotWebhookConfig hubspot = config.hubspotWebhook();
        this.hubspotWebhook = new HubSpotWebhookHandler(new PublishingRoute(json, clock, publisher,
                config.topics().hubspotContactChanges()), new HubSpotSignature(hubspot.clientSecret(),
                hubspot.maxAge(), clock), hubspot.publicUrl(), new WebhookEventIds(Duration.ofHours(24),
                hubspot.replayMaxEntries(), clock), metrics);
    }

    /** Starts both servers with a producer built from {@code config.kafka()} and {@code config.serde()}. */
    public static Future<GatewayServer> start(Vertx vertx, GatewayConfig config) {
        Objects.requireNonNull(config, "config");
        LOG.info("Starting the callback gateway with {}", config);
        return new GatewayServer(vertx, config, producer(config)).listen();
    }

    static Producer<String, Object> producer(GatewayConfig config) {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(config.serde(), false);
        return new KafkaProducer<>(config.kafka(), new StringSerializer(), values);
    }

    private Future<GatewayServer> listen() {
        // Every instance listens on the same port and Vert.x binds it once. Port 0 (any free port) is never shared
        // in Vert.x; a negative port is a free port shared by the servers that name the same one.
        HttpConfig http = config.http();
        HttpServerOptions options = new HttpServerOptions().setHost(http.host())
                .setPort(http.port() == 0 ? -1 : http.port());
        if (http.tls()) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(http.tlsCertPath().orElseThrow())
                    .setKeyPath(http.tlsKeyPath().orElseThrow()));
        }
        Future<String> pub = vertx.deployVerticle(() -> new PublicServerVerticle(options, this::publicRouter,
                publicServers::add), new DeploymentOptions().setInstances(http.instances()))
                .onSuccess(publicDeployments::add);
        ManagementEndpoint management = config.management();
        Future<HttpServer> mgmt = vertx.createHttpServer(new HttpServerOptions().setHost(management.host())
                .setPort(management.port())).requestHandler(managementRouter()).listen();
        return Future.all(pub, mgmt).map(all -> {
            managementServer = mgmt.result();
            LOG.info("Callback gateway listening on {}:{} ({} event loops; management {}:{})", http.host(),
                    httpPort(), publicServers.size(), management.host(), managementPort());
            return this;
        }).recover(error -> {
            // Some servers may have bound before another failed: close them, then the clients.
            publicDeployments.forEach(vertx::undeploy);
            if (mgmt.succeeded()) {
                mgmt.result().close();
            }
            publisher.close(Duration.ofSeconds(1));
            readiness.close();
            return Future.failedFuture(error);
        });
    }

    /** A router for one public server instance, over the handlers every instance shares. */
    private Router publicRouter() {
        ErrorResponder errors = new ErrorResponder(config.http().maxBodyBytes());
        Router router = Router.router(vertx);
        router.route().handler(this::measure);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.http().maxBodyBytes());
        router.post(CALLBACK_PATH)
                .handler(RequestGuards.bearer(config.callback().tokens()))
                .handler(RequestGuards.jsonContentType())
                .handler(body)
                .handler(callbacks);
        router.post(LEADS_PATH)
                .handler(RequestGuards.bearer(config.leads().tokens()))
                .handler(RequestGuards.jsonContentType())
                .handler(body)
                .handler(leads);
        // HubSpot signs its deliveries instead of sending a token, and signs the body as sent: no JSON guard here.
        router.post(HUBSPOT_WEBHOOK_PATH)
                .handler(body)
                .handler(hubspotWebhook);
        router.get(OPENAPI_PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml")
                .end(openApi));
        router.route().failureHandler(errors::handle);
        router.errorHandler(404, errors::handle);
        router.errorHandler(405, errors::handle);
        return router;
    }

    private void measure(RoutingContext ctx) {
        long start = System.nanoTime();
        metrics.requestsInFlight().incrementAndGet();
        String path = ctx.request().path();
        String route = ROUTES.contains(path) ? path : "unmatched";
        String method = ctx.request().method().name();
        ctx.addEndHandler(done -> {
            metrics.requestsInFlight().decrementAndGet();
            metrics.request(route, method, ctx.response().getStatusCode(), Duration.ofNanos(System.nanoTime() - start));
        });
        ctx.next();
    }

    private Router managementRouter() {
        Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(ctx -> readiness.check().onComplete(result -> {
            JsonObject detail = result.succeeded() ? result.result() : new JsonObject(result.cause().getMessage());
            ctx.response().setStatusCode(result.succeeded() ? 200 : 503).putHeader("Content-Type",
                    "application/json").end(detail.put("status", result.succeeded() ? "UP" : "DOWN").encode());
        }));
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        return router;
    }

    public int httpPort() {
        return publicServers.get(0).actualPort();
    }

    public int managementPort() {
        return managementServer.actualPort();
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /**
     * Graceful stop: the public server stops accepting and lets in-flight requests finish (up to the shutdown
     * timeout), then the producer flushes and closes, then the management server stops.
     */
    public Future<Void> close() {
        long timeoutMs = config.lifecycle().shutdownTimeout().toMillis();
        return Future.join(publicServers.stream().map(server -> server.shutdown(timeoutMs, TimeUnit.MILLISECONDS))
                        .toList())
                .transform(ignored -> vertx.executeBlocking(() -> {
                    publisher.close(config.lifecycle().shutdownTimeout());
                    readiness.close();
                    return null;
                }, false))
                .transform(ignored -> Future.join(publicDeployments.stream().map(vertx::undeploy).toList()))
                .transform(ignored -> managementServer.close())
                .onComplete(ignored -> LOG.info("Callback gateway stopped"));
    }

    static String resource(String name) {
        try (InputStream in = GatewayServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
