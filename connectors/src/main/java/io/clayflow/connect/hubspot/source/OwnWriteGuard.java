package io.clayflow.connect.hubspot.source;

import java.time.Duration;
import java.util.Objects;

/**
 * Recognises clayflow's own write-back: the HubSpot sink sets the enriched-at property to the time of its write, and
 * HubSpot sets {@code lastmodifieddate} to the time it applied it; when the two lie within the window, the contact's
 * latest change is ours, and turning it into a lead would enrich the contact again, forever. Chosen over HubSpot's
 * property history (which names the writing app) because a search result carries both values, so it costs no request.
 * Its limit: a person's change within the window after our write is taken for ours.
 */
final class OwnWriteGuard {

    private final String enrichedAtProperty;
    private final long windowMs;

    OwnWriteGuard(String enrichedAtProperty, Duration window) {
        this.enrichedAtProperty = Objects.requireNonNull(enrichedAtProperty, "enrichedAtProperty");
        this.windowMs = window.toMillis();
    }

    /** The property a search must return for the check, or empty when the check is off. */
    String property() {
        return enrichedAtProperty;
    }

    boolean isOwnWrite(CrmContact contact) {
        if (enrichedAtProperty.isEmpty()) {
            return false;
        }
        String enrichedAt = contact.property(enrichedAtProperty);
        if (enrichedAt == null) {
            return false;
        }
        return CrmContact.millis(enrichedAt)
                .map(ours -> Math.abs(contact.lastModifiedMs() - ours) <= windowMs)
                .orElse(false);
    }
}
