package io.clayflow.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The cost ledger's value format: one flat JSON object per {@link CostEvent},
 * {@code {"kind":"estimated","lead_id":"…","source":"web-form","table":"leads","rows":1,"actions":2,
 * "data_credits":3,"at":1767225600000}} ({@code table}, {@code actions} and {@code data_credits} may be null).
 * JSON rather than Avro through the registry: the ledger is clayflow's own bookkeeping, read by the CLI and the
 * status app only, and any console consumer can read it without a registry.
 */
public final class CostEventSerde implements Serde<CostEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Serializer<CostEvent> serializer() {
        return (topic, event) -> event == null ? null : encode(event);
    }

    @Override
    public Deserializer<CostEvent> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            return decode(bytes).orElseThrow(() -> new SerializationException("Not a cost event on " + topic + ": "
                    + new String(bytes, StandardCharsets.UTF_8)));
        };
    }

    public static byte[] encode(CostEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("kind", event.kind().wireName());
        node.put("lead_id", event.leadId());
        node.put("source", event.source());
        node.put("table", event.table());
        node.put("rows", event.rows());
        node.put("actions", event.actions());
        node.put("data_credits", event.dataCredits());
        node.put("at", event.at());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new SerializationException("Could not encode a cost event", e);
        }
    }

    /** The event, or empty when the bytes are not one (readers skip and count those). */
    public static Optional<CostEvent> decode(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject() || !node.path("lead_id").isTextual() || !node.path("at").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new CostEvent(CostEvent.Kind.of(node.path("kind").asText()),
                    node.get("lead_id").asText(), node.path("source").asText(""), text(node.get("table")),
                    node.path("rows").asInt(0), count(node.get("actions")), count(node.get("data_credits")),
                    node.get("at").asLong()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Long count(JsonNode node) {
        return node == null || node.isNull() ? null : node.asLong();
    }
}
