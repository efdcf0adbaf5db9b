package io.clayflow.connect.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /crm/v3/objects/contacts/batch/upsert}:
 * {@code {"inputs":[{"idProperty":"email","id":<email>,"objectWriteTraceId":<index>,"properties":{...}}]}}, or, for
 * inputs written back by record id, of {@code batch/update}: the same without {@code idProperty}. The trace id is the
 * input's index, so a 207's per-input errors point back at their records.
 */
record BatchUpsertRequest(List<ContactInput> inputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    BatchUpsertRequest {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
        boolean firstById = inputs.get(0).byId();
        if (inputs.stream().anyMatch(input -> input.byId() != firstById)) {
            throw new IllegalArgumentException("a batch is written by id or by email, not both");
        }
    }

    byte[] body() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            ContactInput input = inputs.get(i);
            ObjectNode node = array.addObject();
            if (!input.byId()) {
                node.put("idProperty", "email");
            }
            node.put("id", input.key()).put("objectWriteTraceId", Integer.toString(i));
            ObjectNode properties = node.putObject("properties");
            input.properties().forEach(properties::put);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch of strings as JSON", e);
        }
    }

    /** Whether the batch updates contacts by record id (batch/update) rather than upserting by email. */
    boolean byId() {
        return inputs.get(0).byId();
    }

    int size() {
        return inputs.size();
    }
}
