package io.clayflow.connect.outreach;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.connect.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Outreach's JSON:API documents: the request bodies the sink sends and the readings of Outreach's answers. */
final class JsonApi {

    static final String MEDIA_TYPE = "application/vnd.api+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonApi() {
    }

    /** {@code {"data": {"type": "prospect", "attributes": {emails: [email], ...}}}} */
    static byte[] newProspect(String email, ObjectNode attributes) {
        ObjectNode withEmail = attributes.deepCopy();
        withEmail.putArray("emails").add(email);
        ObjectNode document = JSON.createObjectNode();
        document.putObject("data").put("type", "prospect").set("attributes", withEmail);
        return bytes(document);
    }

    /** {@code {"data": {"type": "prospect", "id": id, "attributes": {...}}}} */
    static byte[] prospectUpdate(long id, ObjectNode attributes) {
        ObjectNode document = JSON.createObjectNode();
        document.putObject("data").put("type", "prospect").put("id", id).set("attributes", attributes);
        return bytes(document);
    }

    /** A sequence state: the prospect in the sequence, sent from the mailbox. */
    static byte[] sequenceState(long prospectId, long sequenceId, long mailboxId) {
        ObjectNode document = JSON.createObjectNode();
        ObjectNode relationships = document.putObject("data").put("type", "sequenceState")
                .putObject("relationships");
        relationships.putObject("prospect").putObject("data").put("type", "prospect").put("id", prospectId);
        relationships.putObject("sequence").putObject("data").put("type", "sequence").put("id", sequenceId);
        relationships.putObject("mailbox").putObject("data").put("type", "mailbox").put("id", mailboxId);
        return bytes(document);
    }

    /** The resources of a list answer ({@code data} array); empty when the body is not one. */
    static List<JsonNode> list(HttpReply reply) {
        JsonNode data = tree(reply).path("data");
        List<JsonNode> resources = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(resources::add);
        }
        return resources;
    }

    /** The resource of a single answer ({@code data} object). */
    static Optional<JsonNode> single(HttpReply reply) {
        JsonNode data = tree(reply).path("data");
        return data.isObject() ? Optional.of(data) : Optional.empty();
    }

    /** A resource's integer id (JSON:API ids may come as numbers or strings). */
    static Optional<Long> id(JsonNode resource) {
        JsonNode id = resource.path("id");
        if (id.canConvertToLong()) {
            return Optional.of(id.asLong());
        }
        try {
            return id.isTextual() ? Optional.of(Long.parseLong(id.asText().trim())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The first error's {@code id} (Outreach's code, e.g. validationError), or empty. */
    static String firstErrorCode(HttpReply reply) {
        return tree(reply).path("errors").path(0).path("id").asText("");
    }

    /** Outreach's errors as one line, "Title: detail; ...", or the body's start when it has none. */
    static String errors(HttpReply reply) {
        JsonNode errors = tree(reply).path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return reply.excerpt();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode error : errors) {
            String title = error.path("title").asText("");
            String detail = error.path("detail").asText("");
            parts.add(title.isEmpty() ? detail : detail.isEmpty() ? title : title + ": " + detail);
        }
        return String.join("; ", parts);
    }

    private static JsonNode tree(HttpReply reply) {
        try {
            return reply.body().isEmpty() ? JSON.missingNode() : JSON.readTree(reply.body());
        } catch (JsonProcessingException notJson) {
            return JSON.missingNode();
        }
    }

    private static byte[] bytes(JsonNode document) {
        try {
            return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
