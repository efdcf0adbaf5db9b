package io.clayflow.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.stack.StackConfig;
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
 * A real Kafka Connect worker (distributed, one node) in the test JVM, loading clayflow's connectors from the packaged
 * plugin directory only (where the stack's build says it is), driven over its REST API.
 */
final class ConnectWorkerRunner implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connect<?> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private ConnectWorkerRunner(Connect<?> connect, URI rest) {
        this.connect = connect;
        this.rest = rest;
    }

    static ConnectWorkerRunner start(String bootstrapServers) throws IOException {
        Path plugins = StackConfig.load(null, Map.of(), Map.of()).connectPluginPath();
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("The connector plugin is not packaged at " + plugins
                    + ": build with mvn -pl cli -am verify");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String id = "status-it-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", id);
        for (String store : new String[] {"config", "offset", "status"}) {
            props.put(store + ".storage.topic", id + "-" + store + "s");
            props.put(store + ".storage.replication.factor", "1");
        }
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("plugin.path", plugins.toString());
        // As the stack's Connect worker runs: the plugins' ServiceLoader manifests only. The default (hybrid_warn)
        // also scans the plugin path and this test JVM's whole classpath by reflection, which took most of a minute.
        props.put("plugin.discovery", "service_load");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("scheduled.rebalance.max.delay.ms", "0");
        return new ConnectWorkerRunner(new ConnectDistributed().startConnect(props),
                URI.create("http://127.0.0.1:" + port));
    }

    String url() {
        return rest.toString();
    }

    void putConnector(String name, Map<String, String> config) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("Connect refused " + name + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    void deleteConnector(String name) throws Exception {
        send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name)).DELETE());
        Awaitility.await(name + " deleted").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(name) == null);
    }

    /** Waits until the connector's first task is in {@code state} (RUNNING, FAILED). */
    void awaitTask(String name, String state) {
        Awaitility.await(name + "'s task " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode status = status(name);
                    return status != null && status.path("tasks").path(0).path("state").asText().equals(state);
                });
    }

    private JsonNode status(String name) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name + "/status"))
                .GET());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
