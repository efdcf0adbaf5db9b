package io.clayflow.ledger.it;

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

/** A real Kafka Connect worker (distributed, one node) in the test JVM, loading the connectors from plugin.path only. */
final class InProcessConnectWorker implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connect<?> connect;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();

    private InProcessConnectWorker(Connect<?> connect, URI rest) {
        this.connect = connect;
        this.rest = rest;
    }

    static InProcessConnectWorker start(String bootstrapServers) {
        String pluginPath = System.getProperty("clayflow.connect.plugin.path");
        if (pluginPath == null || !Files.isDirectory(Path.of(pluginPath))) {
            throw new IllegalStateException("The connector plugin is not packaged at " + pluginPath
                    + ": build with -am (package builds connectors/target/plugin)");
        }
        int port = freePort();
        String id = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "ledger-it-" + id);
        props.put("config.storage.topic", "ledger-it-" + id + "-configs");
        props.put("offset.storage.topic", "ledger-it-" + id + "-offsets");
        props.put("status.storage.topic", "ledger-it-" + id + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "1");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        props.put("offset.flush.interval.ms", "500");
        props.put("plugin.path", pluginPath);
        props.put("plugin.discovery", "service_load");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("scheduled.rebalance.max.delay.ms", "0");
        return new InProcessConnectWorker(new ConnectDistributed().startConnect(props),
                URI.create("http://127.0.0.1:" + port));
    }

    void putConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve("/connectors/" + name
                        + "/config")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("Connect refused " + name + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        Awaitility.await("connector " + name + " running").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<String> status = http.send(HttpRequest.newBuilder(rest.resolve("/connectors/"
                            + name + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (status.statusCode() != 200) {
                        return false;
                    }
                    JsonNode task = JSON.readTree(status.body()).path("tasks").path(0);
                    if (task.path("state").asText().equals("FAILED")) {
                        throw new AssertionError("Task failed: " + task.path("trace").asText());
                    }
                    return task.path("state").asText().equals("RUNNING");
                });
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
