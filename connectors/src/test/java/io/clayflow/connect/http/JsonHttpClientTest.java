package io.clayflow.connect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonHttpClientTest {

    private HttpServer server;
    private final AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
    private final JsonHttpClient client = JsonHttpClient.create(Duration.ofSeconds(2), Duration.ofSeconds(2));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(Map.copyOf(exchange.getRequestHeaders()));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Retry-After", "3");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsJsonByDefaultAndReadsTheWholeAnswer() throws IOException {
        HttpReply reply = client.post(uri(), "{}".getBytes(StandardCharsets.UTF_8), Map.of("Authorization", "Bearer t"));

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
        assertThat(reply.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(seen.get().get("Accept")).containsExactly("application/json");
        assertThat(seen.get().get("Content-type")).containsExactly("application/json");
        assertThat(seen.get().get("Authorization")).containsExactly("Bearer t");
    }

    @Test
    void aCallersOwnMediaTypesReplaceTheDefaults() throws IOException {
        client.send("PATCH", uri(), "{}".getBytes(StandardCharsets.UTF_8), Map.of(
                "accept", "application/vnd.api+json", "Content-Type", "application/vnd.api+json"));

        assertThat(seen.get().get("Accept")).containsExactly("application/vnd.api+json");
        assertThat(seen.get().get("Content-type")).containsExactly("application/vnd.api+json");
    }

    @Test
    void noAnswerIsAnIOExceptionTheCallerMayRetry() {
        server.stop(0);

        assertThatThrownBy(() -> client.send("GET", uri(), null, Map.of())).isInstanceOf(IOException.class);
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }
}
