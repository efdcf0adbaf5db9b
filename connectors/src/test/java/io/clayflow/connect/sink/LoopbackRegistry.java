package io.clayflow.connect.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one call a deserializer makes to a Confluent-compatible registry, {@code GET /schemas/ids/<id>}, served over
 * loopback HTTP from the schemas given to it; {@link #down(boolean)} answers 503 instead, as a registry in an outage.
 * Also writes values in the Confluent wire format (magic byte, schema id, Avro binary).
 */
final class LoopbackRegistry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private volatile boolean down;

    LoopbackRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/schemas/ids/", this::schemaById);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void down(boolean down) {
        this.down = down;
    }

    /** The value in the wire format, its schema registered under {@code id}. */
    byte[] encode(int id, GenericRecord value) {
        schemas.put(id, value.getSchema());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            // A compiled class carries its logical types (Instant for timestamp-millis): its own writer knows them.
            DatumWriter<GenericRecord> writer = value instanceof SpecificRecord
                    ? new SpecificDatumWriter<>(value.getSchema()) : new GenericDatumWriter<>(value.getSchema());
            writer.write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void schemaById(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Schema schema = schemas.get(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
        int status = down ? 503 : schema == null ? 404 : 200;
        String body = status == 200 ? JSON.writeValueAsString(Map.of("schema", schema.toString()))
                : JSON.writeValueAsString(Map.of("error_code", status == 404 ? 40403 : 50301, "message", "no"));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
