package io.clayflow.streams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * A loopback, in-memory stand-in for a Confluent-compatible schema registry: just the four calls the Avro serde
 * makes (register, look up, schema by id, latest version), so TopologyTestDriver tests run the real serde and the
 * real registry client without a registry process.
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

    public FakeSchemaRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not open a loopback port", e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Registers a schema under a subject, as a producer with another serde would, and returns its id. */
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        int id = idsBySchema.computeIfAbsent(canonical, s -> idsBySchema.size() + 1);
        schemasById.put(id, canonical);
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m;
        try {
            if ("POST".equals(method) && (m = REGISTER.matcher(path)).matches()) {
                int id = register(decode(m.group(1)), new Schema.Parser().parse(schemaOf(body)));
                answer(exchange, 200, "{\"id\":" + id + "}");
            } else if ("POST".equals(method) && (m = LOOKUP.matcher(path)).matches()) {
                lookup(exchange, decode(m.group(1)), new Schema.Parser().parse(schemaOf(body)).toString());
            } else if ("GET".equals(method) && (m = BY_ID.matcher(path)).matches()) {
                String schema = schema(Integer.parseInt(m.group(1)));
                if (schema == null) {
                    answer(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
                } else {
                    answer(exchange, 200, "{\"schema\":" + quote(schema) + "}");
                }
            } else if ("GET".equals(method) && (m = LATEST.matcher(path)).matches()) {
                latest(exchange, decode(m.group(1)));
            } else {
                answer(exchange, 404, "{\"error_code\":404,\"message\":\"Not supported by the fake: " + method + " "
                        + path + "\"}");
            }
        } catch (RuntimeException e) {
            answer(exchange, 500, "{\"error_code\":50001,\"message\":" + quote(String.valueOf(e)) + "}");
        }
    }

    private synchronized String schema(int id) {
        return schemasById.get(id);
    }

    private void lookup(HttpExchange exchange, String subject, String schema) throws IOException {
        Integer id;
        int version;
        synchronized (this) {
            id = idsBySchema.get(schema);
            List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
            version = id == null ? -1 : versions.indexOf(id) + 1;
        }
        if (id == null || version < 1) {
            answer(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        } else {
            answer(exchange, 200, "{\"subject\":" + quote(subject) + ",\"id\":" + id + ",\"version\":" + version
                    + ",\"schema\":" + quote(schema) + "}");
        }
    }

    private void latest(HttpExchange exchange, String subject) throws IOException {
        int id;
        int version;
        synchronized (this) {
            List<Integer> versions = versionsBySubject.get(subject);
            if (versions == null || versions.isEmpty()) {
                id = -1;
                version = -1;
            } else {
                id = versions.get(versions.size() - 1);
                version = versions.size();
            }
        }
        if (id < 0) {
            answer(exchange, 404, "{\"error_code\":40401,\"message\":\"Subject not found\"}");
        } else {
            answer(exchange, 200, "{\"subject\":" + quote(subject) + ",\"id\":" + id + ",\"version\":" + version
                    + ",\"schema\":" + quote(schema(id)) + "}");
        }
    }

    private static String schemaOf(String body) {
        try {
            return JSON.readTree(body).path("schema").asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("Body is not JSON: " + body, e);
        }
    }

    private static String decode(String subject) {
        return URLDecoder.decode(subject, StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
