package io.clayflow.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers registry calls from a script, to drive the client through failures a
 * real registry cannot be made to produce on demand (503s, slow answers, malformed bodies). It records what it
 * received.
 */
final class ScriptedRegistry implements AutoCloseable {

    record Answer(int status, String body, long delayMillis) {
    }

    record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    ScriptedRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized ScriptedRegistry then(int status, String body) {
        script.add(new Answer(status, body, 0));
        return this;
    }

    synchronized ScriptedRegistry thenSlow(long delayMillis, int status, String body) {
        script.add(new Answer(status, body, delayMillis));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        received.add(new Received(exchange.getRequestMethod(), path,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? new Answer(500, "{\"error_code\":50001,\"message\":\"script ended\"}", 0)
                    : script.poll();
        }
        try {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis()); // simulates a registry that answers late
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (timeout test): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
