package io.clayflow.fakes.hubspot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A contact as the fake HubSpot stores it: its record id, its email (lower-cased, the upsert key), its properties,
 * and how often it was written ({@code version} 1 = created, then +1 per update).
 */
public record HubSpotContact(String id, String email, Map<String, String> properties, Instant createdAt,
                             Instant updatedAt, int version) {

    public HubSpotContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String property(String name) {
        return properties.get(name);
    }
}
