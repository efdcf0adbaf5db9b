package io.clayflow.streams;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A management port on the JDK's own HTTP server: each path answers {@code GET} (and {@code HEAD}) with what its
 * supplier gives at that moment. One daemon thread answers, so a slow scraper or probe never touches a stream thread.
 */
public final class ManagementServer implements AutoCloseable {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON = "application/json";

    /** One answer: the status code, the content type and the body. */
    public record Response(int status, String contentType, String body) {

        public static Response ok(String contentType, String body) {
            return new Response(200, contentType, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code host:port} (port 0: any free port) and starts answering.
     *
     * @param routes each path and what it answers
     * @throws IOException when the port cannot be bound
     */
    public static ManagementServer start(String host, int port, String name, Map<String, Supplier<Response>> routes)
            throws IOException {
        Objects.requireNonNull(routes, "routes");
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-management-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        routes.forEach((path, answer) -> server.createContext(path, exchange -> respond(exchange, answer)));
        server.start();
        return new ManagementServer(server, executor);
    }

    private static void respond(HttpExchange exchange, Supplier<Response> answer) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Response response = answer.get();
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", response.contentType());
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** The port bound: the configured one, or the one chosen when it was 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
