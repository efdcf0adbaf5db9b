package io.clayflow.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads every connector's and task's state from Kafka Connect's REST API in one call
 * ({@code GET /connectors?expand=status}), bounded by a timeout, and how far each source connector has read
 * ({@link SourceProgressReader}). Any failure to get that listing (refused, timed
 * out, not Connect's answer) is a {@link ConnectView} that says why, never an exception.
 */
final class ConnectStatusClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final Duration timeout;
    private final HttpClient http;

    ConnectStatusClient(String url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url").replaceAll("/+$", "");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    ConnectView read() {
        URI uri = URI.create(url + "/connectors?expand=status");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return ConnectView.unreachable(url, "HTTP " + response.statusCode() + " from " + uri);
            }
            return new ConnectView(url, withProgress(connectors(JSON.readTree(response.body()))), null);
        } catch (IOException e) {
            return ConnectView.unreachable(url, "cannot reach Kafka Connect at " + url + " within "
                    + timeout.toSeconds() + " s (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectView.unreachable(url, "interrupted");
        }
    }

    /** Each source connector with how far it has read ({@link SourceProgressReader}); sinks as they are. */
    private List<ConnectorState> withProgress(List<ConnectorState> connectors) {
        SourceProgressReader progress = new SourceProgressReader(url, timeout, http);
        return connectors.stream().map(connector -> "source".equals(connector.type())
                ? connector.withProgress(progress.read(connector.name())) : connector).toList();
    }

    /** {@code {"<name>": {"status": {"connector": {...}, "tasks": [...], "type": "sink"}}}}, sorted by name. */
    private static List<ConnectorState> connectors(JsonNode listing) throws IOException {
        if (!listing.isObject()) {
            throw new IOException("not a connector listing: " + listing);
        }
        List<ConnectorState> connectors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : listing.properties()) {
            JsonNode status = entry.getValue().path("status");
            JsonNode connector = status.path("connector");
            List<ConnectorState.TaskState> tasks = new ArrayList<>();
            status.path("tasks").forEach(task -> tasks.add(new ConnectorState.TaskState(task.path("id").asInt(),
                    task.path("state").asText("UNKNOWN"), text(task, "worker_id"),
                    ConnectorState.failureLine(text(task, "trace")))));
            connectors.add(new ConnectorState(entry.getKey(), text(status, "type"),
                    connector.path("state").asText("UNKNOWN"), text(connector, "worker_id"),
                    ConnectorState.failureLine(text(connector, "trace")), tasks));
        }
        connectors.sort(java.util.Comparator.comparing(ConnectorState::name));
        return connectors;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
