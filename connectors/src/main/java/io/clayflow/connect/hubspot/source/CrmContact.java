package io.clayflow.connect.hubspot.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/** A contact as a HubSpot search or batch read returns it: its record id and its properties (values as text). */
record CrmContact(long id, Map<String, String> properties) {

    CrmContact {
        Objects.requireNonNull(properties, "properties");
        properties = Map.copyOf(properties);
    }

    /** {@code lastmodifieddate} in epoch milliseconds. */
    long lastModifiedMs() {
        String value = properties.get("lastmodifieddate");
        if (value == null) {
            throw new IllegalStateException("HubSpot returned contact " + id + " without lastmodifieddate");
        }
        return millis(value).orElseThrow(() -> new IllegalStateException("contact " + id
                + " has a lastmodifieddate that is no time: " + value));
    }

    CursorPosition position() {
        return new CursorPosition(lastModifiedMs(), id);
    }

    String property(String name) {
        return properties.get(name);
    }

    /** A HubSpot datetime value: epoch milliseconds, or ISO-8601 as the CRM v3 API writes them. */
    static java.util.Optional<Long> millis(String value) {
        String text = value.trim();
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return java.util.Optional.of(Long.parseLong(text));
        }
        try {
            return java.util.Optional.of(Instant.parse(text).toEpochMilli());
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
