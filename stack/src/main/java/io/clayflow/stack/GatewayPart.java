package io.clayflow.stack;

import io.clayflow.config.SharedKeys;
import io.clayflow.gateway.GatewayServer;
import io.clayflow.gateway.config.CallbackConfig;
import io.clayflow.gateway.config.GatewayConfig;
import io.clayflow.gateway.config.HttpConfig;
import io.clayflow.gateway.config.LeadsConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The callback gateway in this JVM: Clay's callbacks into {@code leads.enriched} and {@code POST /v1/leads} into
 * {@code leads.raw}, with the stack's generated tokens.
 */
public final class GatewayPart implements StackPart {

    private final StackConfig config;
    private final StackSecrets secrets;
    private final HttpProbe http = new HttpProbe();
    private Vertx vertx;
    private GatewayServer server;

    public GatewayPart(StackConfig config, StackSecrets secrets) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public String name() {
        return "callback-gateway";
    }

    /** Where Clay's HTTP API column posts enriched rows. */
    public String callbackUrl() {
        return config.url(StackConfig.GATEWAY_PORT) + "/v1/clay/callback";
    }

    GatewayConfig gatewayConfig() {
        Map<String, String> props = new LinkedHashMap<>(config.overrides("gateway"));
        props.put(HttpConfig.HOST, config.host());
        props.put(HttpConfig.PORT, Integer.toString(config.port(StackConfig.GATEWAY_PORT)));
        props.put(GatewayConfig.MANAGEMENT_HOST, config.host());
        props.put(GatewayConfig.MANAGEMENT_PORT, Integer.toString(config.port(StackConfig.GATEWAY_MANAGEMENT_PORT)));
        props.put(CallbackConfig.TOKENS, secrets.get(StackSecret.CALLBACK_TOKEN).value());
        props.put(LeadsConfig.TOKENS, secrets.get(StackSecret.LEADS_TOKEN).value());
        props.put(io.clayflow.gateway.config.HubSpotWebhookConfig.CLIENT_SECRET,
                secrets.get(StackSecret.HUBSPOT_WEBHOOK_SECRET).value());
        props.put(SharedKeys.BOOTSTRAP_SERVERS, config.bootstrapServers());
        props.put(SharedKeys.SCHEMA_REGISTRY_URL, config.registryUrl());
        return GatewayConfig.withOverrides(props);
    }

    @Override
    public void start() throws Exception {
        GatewayConfig gatewayConfig = gatewayConfig();
        vertx = Vertx.vertx();
        server = GatewayServer.start(vertx, gatewayConfig).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    @Override
    public boolean isReady() {
        return server != null && http.status(URI.create(config.url(StackConfig.GATEWAY_MANAGEMENT_PORT) + "/health/ready")) == 200;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("Clay callbacks", "POST " + callbackUrl()),
                new Endpoint("lead intake", "POST " + config.url(StackConfig.GATEWAY_PORT) + "/v1/leads"),
                new Endpoint("health and metrics", config.url(StackConfig.GATEWAY_MANAGEMENT_PORT) + "/health/ready, /metrics"));
    }

    @Override
    public void stop() throws Exception {
        // The server's own bound (shutdown.timeout.ms) limits the wait for in-flight requests; this only adds slack.
        Duration bound = Duration.ofSeconds(20);
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            server = null;
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
            vertx = null;
        }
    }

    @Override
    public boolean isStopped() {
        return server == null && vertx == null;
    }
}
