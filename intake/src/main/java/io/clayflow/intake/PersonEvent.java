package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import java.util.Objects;

/**
 * What meets in intake's dedupe task, keyed by {@code lead_id}: a new {@link Touch} of a person (a normalized
 * {@link Lead} from {@code leads.raw}) or an {@link Enrichment} of a person (an {@link EnrichedLead}: from Clay when it
 * comes in, from the cache when the dedupe task sends one out). Out of the dedupe task a touch can also come
 * {@link Dropped}: a repeat under {@code cache.policy=drop}, which goes nowhere but the cost ledger.
 */
sealed interface PersonEvent {

    /** A touch of a person: in, a new one; out of the dedupe task, one to go on to the throttle. */
    record Touch(Lead lead) implements PersonEvent {
        public Touch {
            Objects.requireNonNull(lead, "lead");
        }
    }

    /** An enrichment of a person: Clay's coming in, or the cache's going out to a repeat touch. */
    record Enrichment(EnrichedLead lead) implements PersonEvent {
        public Enrichment {
            Objects.requireNonNull(lead, "lead");
        }
    }

    /** A repeat touch the dedupe dropped: what it saved is booked, nothing else happens to it. */
    record Dropped(Lead lead) implements PersonEvent {
        public Dropped {
            Objects.requireNonNull(lead, "lead");
        }
    }
}
