package io.clayflow.fakes.hubspot;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's contacts, keyed by lower-cased email as HubSpot's upsert by email is: writing an email that exists
 * updates that contact (the properties given replace theirs, the others stay), never a second one.
 */
final class ContactStore {

    /** What one upsert did. */
    record Upserted(HubSpotContact contact, boolean created) {
    }

    private final Clock clock;
    private final Map<String, HubSpotContact> byEmail = new LinkedHashMap<>();
    private long nextId = 1001;

    ContactStore(Clock clock) {
        this.clock = clock;
    }

    synchronized Upserted upsert(String email, Map<String, String> properties) {
        String key = email.toLowerCase(Locale.ROOT);
        HubSpotContact existing = byEmail.get(key);
        Instant now = clock.instant();
        String id = existing == null ? String.valueOf(nextId++) : existing.id();
        Map<String, String> merged = new HashMap<>(existing == null
                ? Map.of("createdate", now.toString()) : existing.properties());
        merged.putAll(properties);
        merged.put("email", key);
        merged.put("hs_object_id", id);
        merged.put("lastmodifieddate", now.toString());
        HubSpotContact contact = new HubSpotContact(id, key, merged, existing == null ? now : existing.createdAt(),
                now, existing == null ? 1 : existing.version() + 1);
        byEmail.put(key, contact);
        return new Upserted(contact, existing == null);
    }

    synchronized List<HubSpotContact> all() {
        return List.copyOf(byEmail.values());
    }

    synchronized Optional<HubSpotContact> byEmail(String email) {
        return Optional.ofNullable(byEmail.get(email.toLowerCase(Locale.ROOT)));
    }
}
