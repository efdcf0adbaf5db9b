package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;

/**
 * What meets in intake's dedupe task, keyed by {@code lead_id}: a new touch of a person (a normalized {@link Lead}
 * from {@code leads.raw}) or an enrichment of a person (an {@link EnrichedLead}: from Clay when it comes in, from
 * the cache when the dedupe task sends one out). Exactly one of the two is set.
 */
record PersonEvent(Lead touch, EnrichedLead enrichment) {

    PersonEvent {
        if ((touch == null) == (enrichment == null)) {
            throw new IllegalArgumentException("A person event is a touch or an enrichment, exactly one of them");
        }
    }

    static PersonEvent touch(Lead lead) {
        return new PersonEvent(lead, null);
    }

    static PersonEvent enrichment(EnrichedLead enriched) {
        return new PersonEvent(null, enriched);
    }

    boolean isTouch() {
        return touch != null;
    }
}
