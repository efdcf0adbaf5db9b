package io.clayflow.connect.hubspot;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/** One contact to upsert: the record it came from, its email (lower-cased, the upsert key) and its properties. */
record ContactInput(SinkRecord record, String email, Map<String, String> properties) {

    ContactInput {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(email, "email");
        properties = Map.copyOf(properties);
    }
}
