package io.clayflow.connect.clay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.schemas.Lead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One row for a Clay table: the lead's fields as a flat JSON object (snake_case, as in the Avro schema), times in
 * ISO-8601, {@code attributes} as a nested object; {@code lead_id} is the column Clay echoes back in its callback
 * and the one the table's auto-dedupe should watch.
 */
record ClayRow(SinkRecord record, String leadId, byte[] json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ClayRow {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(json, "json");
    }

    static ClayRow of(SinkRecord record, Lead lead) {
        if (lead.getLeadId() == null || lead.getLeadId().isBlank()) {
            throw new IllegalArgumentException("the lead has no lead_id, so Clay's callback could not be matched");
        }
        ObjectNode row = JSON.createObjectNode();
        for (Schema.Field field : lead.getSchema().getFields()) {
            Object value = lead.get(field.pos());
            if (value == null) {
                continue;
            }
            if (value instanceof Instant instant) {
                row.put(field.name(), instant.toString());
            } else if (value instanceof Map<?, ?> map) {
                ObjectNode nested = row.putObject(field.name());
                map.forEach((key, text) -> nested.put(key.toString(), String.valueOf(text)));
            } else {
                row.put(field.name(), value.toString());
            }
        }
        return new ClayRow(record, lead.getLeadId(), row.toString().getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return json.length;
    }
}
