package io.clayflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.awaitility.Awaitility;

/**
 * A real Kafka Connect worker (distributed mode, one node) in the test JVM, loading plugins only from
 * {@code plugin.path} as a production worker does, driven over its REST API.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connect<?> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorker(Connect<?> connect, URI rest) {
        this.connect = connect;
        this.rest = rest;
    }

    public static ConnectWorker start(String bootstrapServers) {
        return start(bootstrapServers, Map.of());
    }

    /** Starts a worker with these worker settings on top of the defaults (e.g. {@code rest.extension.classes}). */
    public static ConnectWorker start(String bootstrapServers, Map<String, String> overrides) {
        String pluginPath = System.getProperty("clayflow.connect.plugin.path");
        if (pluginPath == null || !Files.isDirectory(Path.of(pluginPath))) {
            throw new IllegalStateException("The connector plugin is not packaged at " + pluginPath
                    + ": run mvn verify (package builds connectors/target/plugin)");
        }
        int port = freePort();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "connect-it-" + id);
        props.put("config.storage.topic", "connect-it-" + id + "-configs");
        props.put("offset.storage.topic", "connect-it-" + id + "-offsets");
        props.put("status.storage.topic", "connect-it-" + id + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.flush.interval.ms", "500");
        props.put("plugin.path", pluginPath);
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.putAll(overrides);
        Connect<?> connect = new ConnectDistributed().startConnect(props);
        return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
    }

    /** Creates (or replaces) a connector's configuration. */
    public void putConnector(String name, Map<String, String> config) {
        HttpResponse<String> response;
        try {
            response = exchange(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build());
        } catch (IOException e) {
            throw new AssertionError("Cannot write the configuration of " + name, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("Connect refused connector " + name + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** The connector's status document, or null while it has none. */
    public JsonNode status(String name) {
        HttpResponse<String> response = get("/connectors/" + name + "/status");
        try {
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            throw new AssertionError("Connect answered a status that is not JSON: " + response.body(), e);
        }
    }

    /** Waits until the connector and its task run. */
    public void awaitRunning(String name) {
        Awaitility.await("connector " + name + " running").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode status = status(name);
                    if (status == null) {
                        return false;
                    }
                    if (status.path("tasks").path(0).path("state").asText().equals("FAILED")) {
                        throw new AssertionError("Task failed: " + status.path("tasks").path(0).path("trace").asText());
                    }
                    return status.path("connector").path("state").asText().equals("RUNNING")
                            && status.path("tasks").path(0).path("state").asText().equals("RUNNING");
                });
    }

    /** Stops the connector (its tasks shut down, its consumer group empties) and waits until it is STOPPED. */
    public void stop(String name) {
        send("PUT", "/connectors/" + name + "/stop");
        Awaitility.await("connector " + name + " stopped").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    JsonNode status = status(name);
                    return status != null && status.path("connector").path("state").asText().equals("STOPPED");
                });
    }

    /** Resumes a stopped connector and waits until it and its task run. */
    public void resume(String name) {
        send("PUT", "/connectors/" + name + "/resume");
        awaitRunning(name);
    }

    /** Resets a stopped sink connector's offsets through Connect (KIP-875): it starts from the beginning again. */
    public void resetOffsets(String name) {
        send("DELETE", "/connectors/" + name + "/offsets");
    }

    private void send(String method, String path) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(rest.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** A GET on the worker's REST listener, e.g. {@code get("/metrics")}. */
    public HttpResponse<String> get(String path) {
        return exchange(HttpRequest.newBuilder(rest.resolve(path)).GET().build());
    }

    /** The list of installed connector plugins, as the REST API reports them. */
    public JsonNode plugins() {
        HttpResponse<String> response = get("/connector-plugins");
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Connect answered a plugin list that is not JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Connect REST unreachable: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
