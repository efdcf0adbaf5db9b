package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;

/**
 * What meets in intake's dedupe task, keyed by {@code lead_id}: a new touch of a person (a normalized {@link Lead}
 * from {@code leads.raw}) or an enrichment of a person (an {@link EnrichedLead}: from Clay when it comes in, from
 * the cache when the dedupe task sends one out). Exactly one of the two is set. Out of the dedupe task a touch can
 * also come {@code dropped}: a repeat under {@code cache.policy=drop}, which goes nowhere but the cost ledger.
 */
record PersonEvent(Lead touch, EnrichedLead enrichment, boolean dropped) {

    PersonEvent {
        if ((touch == null) == (enrichment == null)) {
            throw new IllegalArgumentException("A person event is a touch or an enrichment, exactly one of them");
        }
        if (dropped && touch == null) {
            throw new IllegalArgumentException("Only a touch is dropped");
        }
    }

    static PersonEvent touch(Lead lead) {
        return new PersonEvent(lead, null, false);
    }

    static PersonEvent enrichment(EnrichedLead enriched) {
        return new PersonEvent(null, enriched, false);
    }

    /** A repeat touch the dedupe dropped: what it saved is booked, nothing else happens to it. */
    static PersonEvent dropped(Lead lead) {
        return new PersonEvent(lead, null, true);
    }

    /** A touch to go on (to the throttle, out of the dedupe task): not a dropped one. */
    boolean isTouch() {
        return touch != null && !dropped;
    }

    boolean isEnrichment() {
        return enrichment != null;
    }
}
