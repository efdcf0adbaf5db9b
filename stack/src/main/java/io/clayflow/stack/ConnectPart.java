package io.clayflow.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect worker in this JVM, in distributed mode with its config, offset and status topics on the local
 * broker (so connector offsets survive a restart), loading the connectors from {@code plugin.path} as a production
 * worker does, and running the stack's connectors ({@link StackConnectors}), configured over its REST API.
 */
public final class ConnectPart implements StackPart {

    public static final String GROUP_ID = "clayflow-connect";

    /** The connectors plugin's REST extension that serves the worker's Prometheus metrics at {@code GET /metrics}. */
    public static final String METRICS_EXTENSION = "io.clayflow.connect.metrics.PrometheusMetricsExtension";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectPart.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackConfig config;
    private final List<ConnectorSpec> connectors;
    private final List<Endpoint> deliveries;
    private final HttpProbe http = new HttpProbe();
    private final Set<String> configured = new HashSet<>();
    private Connect<?> connect;
    private String notReady = "";

    public ConnectPart(StackConfig config, StackConnectors connectors) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectors = connectors.all();
        this.deliveries = connectors.endpoints();
    }

    @Override
    public String name() {
        return "connect";
    }

    /**
     * The worker's configuration. Offsets are flushed every second rather than every minute: a sink's committed
     * offset is what a restart resumes from, and anything after it would be sent to Clay again.
     */
    Map<String, String> workerProperties() {
        Map<String, String> props = new HashMap<>();
        props.put("group.id", GROUP_ID);
        props.put("config.storage.topic", GROUP_ID + "-configs");
        props.put("offset.storage.topic", GROUP_ID + "-offsets");
        props.put("status.storage.topic", GROUP_ID + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "5");
        props.put("status.storage.partitions", "1");
        props.putAll(StackConnectors.CONVERTERS);
        props.put("offset.flush.interval.ms", "1000");
        // Sink consumers read committed records only: intake and routing write under transactions, and a record of
        // an aborted one must never reach Clay or a CRM. Kafka Connect's sink consumers read uncommitted records
        // unless told otherwise; each connector also says so itself (StackConnectors) and refuses to start without.
        props.put("consumer.isolation.level", "read_committed");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        // Plugins declare themselves through ServiceLoader manifests: no scan of every class on the path at start.
        props.put("plugin.discovery", "service_load");
        // GET /metrics on the REST port; the extension comes from the plugin, like the connectors.
        props.put("rest.extension.classes", METRICS_EXTENSION);
        props.put("config.providers", "file");
        props.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        props.putAll(config.overrides("connect"));
        props.put("bootstrap.servers", config.bootstrapServers());
        props.put("listeners", config.url(StackConfig.CONNECT_PORT));
        props.put("rest.advertised.host.name", config.host());
        props.put("rest.advertised.port", Integer.toString(config.port(StackConfig.CONNECT_PORT)));
        props.put("plugin.path", config.connectPluginPath().toString());
        return props;
    }

    @Override
    public void start() {
        if (!Files.isDirectory(config.connectPluginPath())) {
            throw new IllegalStateException("The Connect plugin is not built at " + config.connectPluginPath()
                    + ": build the connectors module (mvn -pl connectors -am package -DskipTests, or ./clayflow up, "
                    + "which builds), or point " + StackConfig.CONNECT_PLUGIN_PATH + " at it");
        }
        connect = new ConnectDistributed().startConnect(workerProperties());
    }

    /** Configures each connector once the worker takes configuration, then reports whether all run. */
    @Override
    public boolean isReady() {
        if (connect == null) {
            return false;
        }
        try {
            for (ConnectorSpec connector : connectors) {
                if (!configured.contains(connector.name())) {
                    if (!putConfig(connector)) {
                        return false;
                    }
                    configured.add(connector.name());
                    LOG.info("Configured connector {}", connector.name());
                }
            }
            for (ConnectorSpec connector : connectors) {
                if (!running(connector.name())) {
                    return false;
                }
            }
            notReady = "";
            return true;
        } catch (IOException e) {
            notReady = "Connect REST: " + e.getMessage();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String notReadyReason() {
        return notReady;
    }

    private boolean putConfig(ConnectorSpec connector) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(config.url(StackConfig.CONNECT_PORT) + "/connectors/" + connector.name() + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(connector.config()))));
        if (response.statusCode() / 100 == 2) {
            return true;
        }
        // 409 (rebalance) and 5xx while the worker joins its group are expected at start: ask again later.
        notReady = "Connect answered " + response.statusCode() + " to the configuration of " + connector.name() + ": "
                + response.body();
        if (response.statusCode() == 400) {
            throw new IllegalStateException(notReady);
        }
        return false;
    }

    private boolean running(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(config.url(StackConfig.CONNECT_PORT) + "/connectors/" + name + "/status")).GET());
        if (response.statusCode() != 200) {
            notReady = "connector " + name + " has no status yet";
            return false;
        }
        JsonNode status = JSON.readTree(response.body());
        JsonNode tasks = status.path("tasks");
        boolean running = status.path("connector").path("state").asText().equals("RUNNING") && tasks.size() > 0;
        for (JsonNode task : tasks) {
            running &= task.path("state").asText().equals("RUNNING");
            if (task.path("state").asText().equals("FAILED")) {
                notReady = "connector " + name + " task " + task.path("id").asText() + " failed: "
                        + task.path("trace").asText().lines().findFirst().orElse("");
            }
        }
        if (!running && notReady.isEmpty()) {
            notReady = "connector " + name + " is " + status.path("connector").path("state").asText();
        }
        return running;
    }

    public List<ConnectorSpec> connectors() {
        return connectors;
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("REST API", config.url(StackConfig.CONNECT_PORT)));
        endpoints.add(new Endpoint("metrics", config.url(StackConfig.CONNECT_PORT) + "/metrics"));
        endpoints.add(new Endpoint("connectors", String.join(", ",
                connectors.stream().map(ConnectorSpec::name).toList())));
        endpoints.add(new Endpoint("plugin.path", config.connectPluginPath().toString()));
        endpoints.addAll(deliveries);
        return endpoints;
    }

    @Override
    public void stop() {
        if (connect != null) {
            // Stops the connectors' tasks, which commit the offsets of what they delivered, then the REST server.
            connect.stop();
            // Connect registers a JVM shutdown hook of its own. On SIGTERM it may have begun stopping first, and then
            // stop() and awaitStop() return at once, while the tasks still run. Stopping the herder again waits for
            // it (and with it for the tasks' final offset commits) before the stack stops what they depend on.
            connect.herder().stop();
            connect.awaitStop();
            connect = null;
        }
        configured.clear();
    }

    @Override
    public boolean isStopped() {
        return connect == null;
    }
}
