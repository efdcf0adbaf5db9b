package io.clayflow.stack;

import io.clayflow.config.SharedKeys;
import io.clayflow.status.app.StatusConfig;
import io.clayflow.status.app.StatusServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The status app in this JVM: the status page, {@code /status.json} and the {@code clayflow_pipeline_*} gauges, read
 * from the stack's broker, with the credit budget intake runs with. Its port is {@code override.status.management.port}
 * when given; otherwise the app's own 9193 while the gateway is on its default ports (the stack `up` runs), and a free
 * port for a stack on other ports (tests), which {@link #endpoints()} names.
 */
public final class StatusPart implements StackPart {

    private static final int STOP_SECONDS = 15;

    private final StackConfig config;
    private final long creditsPerPeriod;
    private final HttpProbe http = new HttpProbe();
    /** The running app and the Vert.x instance it runs on, or null while stopped. */
    private Running running;

    private record Running(Vertx vertx, StatusServer server) {
    }

    /** @param creditsPerPeriod intake's {@code budget.credits.per.period}: the page shows credits left of it */
    public StatusPart(StackConfig config, long creditsPerPeriod) {
        this.config = Objects.requireNonNull(config, "config");
        this.creditsPerPeriod = creditsPerPeriod;
    }

    @Override
    public String name() {
        return "status";
    }

    StatusConfig statusConfig() {
        Map<String, String> props = new LinkedHashMap<>(config.overrides("status"));
        boolean defaultPorts = config.port(StackConfig.GATEWAY_MANAGEMENT_PORT) == 9090;
        props.putIfAbsent(SharedKeys.MANAGEMENT_PORT,
                Integer.toString(defaultPorts ? StatusConfig.DEFAULT_MANAGEMENT_PORT : 0));
        props.put(SharedKeys.MANAGEMENT_HOST, config.host());
        props.put(SharedKeys.BOOTSTRAP_SERVERS, config.bootstrapServers());
        props.put(SharedKeys.SCHEMA_REGISTRY_URL, config.registryUrl());
        props.put(StatusConfig.BUDGET_CREDITS_PER_PERIOD, Long.toString(creditsPerPeriod));
        return StatusConfig.withOverrides(props);
    }

    @Override
    public void start() throws Exception {
        StatusConfig statusConfig = statusConfig();
        Vertx vertx = Vertx.vertx();
        try {
            running = new Running(vertx, StatusServer.start(vertx, statusConfig).await(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    /** The status page's base URL, once started. */
    public String url() {
        return "http://" + config.host() + ":" + running.server().port();
    }

    @Override
    public boolean isReady() {
        return running != null && http.status(URI.create(url() + "/health/ready")) == 200;
    }

    @Override
    public List<Endpoint> endpoints() {
        if (running == null) {
            return List.of();
        }
        return List.of(new Endpoint("status page", url() + "/status"),
                new Endpoint("figures and metrics", url() + "/status.json, /metrics"));
    }

    @Override
    public void stop() throws Exception {
        if (running != null) {
            try {
                running.server().close().await(STOP_SECONDS, TimeUnit.SECONDS);
            } finally {
                // Awaited on its own: a future chained after Vert.x's close would complete on a closed event loop.
                running.vertx().close().await(STOP_SECONDS, TimeUnit.SECONDS);
            }
            running = null;
        }
    }

    @Override
    public boolean isStopped() {
        return running == null;
    }
}
