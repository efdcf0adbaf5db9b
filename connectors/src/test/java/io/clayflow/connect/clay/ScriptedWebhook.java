package io.clayflow.connect.clay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback webhook answering from a script (status, Retry-After), recording each request's arrival and headers. */
final class ScriptedWebhook implements AutoCloseable {

    record Answer(int status, String retryAfter, String body) {
    }

    record Received(long atNanos, String token, int bytes, String body, java.util.Map<String, String> headers) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    ScriptedWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v3/sources/webhook/test");
    }

    synchronized ScriptedWebhook then(int status) {
        return then(status, null, "{}");
    }

    synchronized ScriptedWebhook then(int status, String retryAfter, String body) {
        script.add(new Answer(status, retryAfter, body));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
        received.add(new Received(System.nanoTime(), exchange.getRequestHeaders().getFirst("x-clay-webhook-auth"),
                body.length, new String(body, java.nio.charset.StandardCharsets.UTF_8), headers));
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? new Answer(500, null, "script ended") : script.poll();
        }
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] bytes = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
