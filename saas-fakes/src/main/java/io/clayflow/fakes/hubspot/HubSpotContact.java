package io.clayflow.fakes.hubspot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A contact as the fake HubSpot stores it: its record id, its email (lower-cased, the upsert key; null when it has
 * none), its properties, and how often it was written ({@code version} 1 = created, then +1 per update).
 */
public record HubSpotContact(String id, String email, Map<String, String> properties, Instant createdAt,
                             Instant updatedAt, int version) {

    public HubSpotContact {
        Objects.requireNonNull(id, "id");
        properties = Map.copyOf(properties);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String property(String name) {
        return properties.get(name);
    }

    /** When it was last written, as HubSpot's {@code lastmodifieddate} says (milliseconds). */
    public Instant lastModified() {
        return Instant.parse(properties.get("lastmodifieddate"));
    }
}
