package io.clayflow.fakes.clay;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A tiny HTTP server standing in for the callback gateway: records every callback and answers as told. */
final class CallbackReceiver implements AutoCloseable {

    /** One callback as it arrived. */
    record Received(String authorization, String contentType, JsonObject body) {
        String leadId() {
            return body.getString("lead_id");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> statuses = new ArrayDeque<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    static CallbackReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            CallbackReceiver receiver = new CallbackReceiver(server);
            server.createContext("/v1/clay/callback", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = receiver.nextStatus();
                receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new JsonObject(new String(body, StandardCharsets.UTF_8))));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.setExecutor(receiver.executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next callbacks are answered with these statuses, in order; then 200 again. */
    synchronized void answerWith(Integer... next) {
        statuses.addAll(List.of(next));
    }

    private synchronized int nextStatus() {
        Integer next = statuses.poll();
        return next == null ? 200 : next;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/clay/callback";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
