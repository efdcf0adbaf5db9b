package io.clayflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** A Connect worker's REST API, as an operator (or the stack) drives it: connector configs and their status. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ConnectRest(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** PUTs a connector's configuration, retrying while the worker is still joining its group (409, 5xx, refused). */
    void putConnector(String name, Map<String, String> config, Supplier<String> workerState) {
        Awaitility.await("Connect to take the configuration of " + name).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                .failFast("the worker is gone", () -> workerState.get() != null)
                .until(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    base.resolve("/connectors/" + name + "/config"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 400) {
                        throw new AssertionError("Connect refused " + name + ": " + response.body());
                    }
                    return response.statusCode() / 100 == 2;
                });
    }

    /** True when the connector and every one of its tasks are RUNNING; a FAILED task fails the test. */
    boolean running(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/connectors/" + name
                + "/status")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return false;
        }
        JsonNode status = JSON.readTree(response.body());
        JsonNode tasks = status.path("tasks");
        for (JsonNode task : tasks) {
            if (task.path("state").asText().equals("FAILED")) {
                throw new AssertionError("Task " + name + "-" + task.path("id").asText() + " failed: "
                        + task.path("trace").asText());
            }
        }
        boolean allTasks = tasks.size() > 0;
        for (JsonNode task : tasks) {
            allTasks &= task.path("state").asText().equals("RUNNING");
        }
        return status.path("connector").path("state").asText().equals("RUNNING") && allTasks;
    }

    URI base() {
        return base;
    }
}
