package io.clayflow.fakes.hubspot;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's contacts by record id, with an index by lower-cased email as HubSpot's upsert by email uses: writing
 * an email that exists updates that contact (the properties given replace theirs, the others stay), never a second
 * one. A contact need not have an email (created in the CRM by a person, or by an import). Every write sets
 * {@code lastmodifieddate} to the write's time in milliseconds, as HubSpot does; several writes may share one.
 */
final class ContactStore {

    /** What one upsert did. */
    record Upserted(HubSpotContact contact, boolean created) {
    }

    /** Told of every write, under the store's lock: which contact, whether new, which properties changed, by whom. */
    interface Listener {
        void written(HubSpotContact contact, boolean created, Map<String, String> changed, String changeSource);
    }

    /** Writes through the API (private apps): HubSpot's changeSource for them. */
    static final String INTEGRATION = "INTEGRATION";
    /** Writes by a person in HubSpot's UI. */
    static final String CRM_UI = "CRM_UI";

    private final Clock clock;
    private Listener listener = (contact, created, changed, source) -> { };
    private final Map<String, HubSpotContact> byId = new LinkedHashMap<>();
    private final Map<String, String> idByEmail = new HashMap<>();
    private long nextId = 1001;

    ContactStore(Clock clock) {
        this.clock = clock;
    }

    synchronized void listener(Listener listener) {
        this.listener = listener;
    }

    synchronized Upserted upsert(String email, Map<String, String> properties) {
        String key = email.toLowerCase(Locale.ROOT);
        String id = idByEmail.get(key);
        Map<String, String> withEmail = new HashMap<>(properties);
        withEmail.put("email", key);
        if (id == null) {
            return new Upserted(create(withEmail, INTEGRATION), true);
        }
        return new Upserted(update(id, withEmail, INTEGRATION).orElseThrow(), false);
    }

    /** A new contact, with or without an email (an email a contact already has is the caller's to refuse). */
    synchronized HubSpotContact create(Map<String, String> properties, String changeSource) {
        Instant now = now();
        String id = String.valueOf(nextId++);
        Map<String, String> merged = new HashMap<>(properties);
        merged.put("createdate", now.toString());
        HubSpotContact contact = write(id, merged, now, 1);
        listener.written(contact, true, properties, changeSource);
        return contact;
    }

    /** Updates the contact with this id; empty when there is none. */
    synchronized Optional<HubSpotContact> update(String id, Map<String, String> properties, String changeSource) {
        HubSpotContact existing = byId.get(id);
        if (existing == null) {
            return Optional.empty();
        }
        Map<String, String> merged = new HashMap<>(existing.properties());
        merged.putAll(properties);
        if (existing.email() != null && !existing.email().equals(merged.get("email"))) {
            idByEmail.remove(existing.email());
        }
        HubSpotContact contact = write(id, merged, existing.createdAt(), existing.version() + 1);
        Map<String, String> changed = new HashMap<>();
        properties.forEach((name, value) -> {
            if (!value.equals(existing.property(name))) {
                changed.put(name, value);
            }
        });
        listener.written(contact, false, changed, changeSource);
        return Optional.of(contact);
    }

    private HubSpotContact write(String id, Map<String, String> properties, Instant createdAt, int version) {
        Instant now = now();
        String email = properties.get("email");
        if (email != null && !email.isBlank()) {
            email = email.trim().toLowerCase(Locale.ROOT);
            properties.put("email", email);
            idByEmail.put(email, id);
        } else {
            email = null;
            properties.remove("email");
        }
        properties.put("hs_object_id", id);
        properties.put("lastmodifieddate", now.toString());
        HubSpotContact contact = new HubSpotContact(id, email, properties, createdAt, now, version);
        byId.put(id, contact);
        return contact;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    synchronized List<HubSpotContact> all() {
        return List.copyOf(byId.values());
    }

    synchronized Optional<HubSpotContact> byEmail(String email) {
        return Optional.ofNullable(idByEmail.get(email.toLowerCase(Locale.ROOT))).map(byId::get);
    }

    synchronized Optional<HubSpotContact> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
