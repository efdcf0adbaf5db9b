package io.clayflow.connect.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The body of {@code POST /crm/v3/objects/contacts/batch/upsert}:
 * {@code {"inputs":[{"idProperty":"email","id":<email>,"objectWriteTraceId":<index>,"properties":{...}}]}}. The
 * trace id is the input's index, so a 207's per-input errors point back at their records.
 */
record BatchUpsertRequest(List<ContactInput> inputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    BatchUpsertRequest {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one input");
        }
    }

    byte[] body() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("inputs");
        for (int i = 0; i < inputs.size(); i++) {
            ContactInput input = inputs.get(i);
            ObjectNode node = array.addObject().put("idProperty", "email").put("id", input.email())
                    .put("objectWriteTraceId", Integer.toString(i));
            ObjectNode properties = node.putObject("properties");
            input.properties().forEach(properties::put);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a batch of strings as JSON", e);
        }
    }

    int size() {
        return inputs.size();
    }
}
