package io.clayflow.fakes.outreach;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulated Outreach org's data: prospects (an email belongs to at most one, compared case-insensitively, as
 * Outreach keys them by an email hash) and sequence states (one per prospect and sequence). Thread-safe: the HTTP
 * handlers and the tests' Java API share it.
 */
final class OutreachStore {

    private final Set<String> excludedDomains;
    private final Supplier<Instant> clock;
    private final Map<Long, JsonObject> prospects = new LinkedHashMap<>();
    private final Map<String, Long> prospectByEmail = new HashMap<>();
    private final Map<Long, SequenceState> states = new LinkedHashMap<>();
    private long nextProspectId = 1;
    private long nextStateId = 1;

    OutreachStore(Set<String> excludedDomains, Supplier<Instant> clock) {
        this.excludedDomains = Set.copyOf(excludedDomains);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    synchronized List<Prospect> findByEmail(String email) {
        Long id = prospectByEmail.get(normalize(email));
        return id == null ? List.of() : List.of(toProspect(id));
    }

    synchronized Optional<Prospect> prospect(long id) {
        return prospects.containsKey(id) ? Optional.of(toProspect(id)) : Optional.empty();
    }

    synchronized List<Prospect> prospects() {
        return prospects.keySet().stream().map(this::toProspect).toList();
    }

    /** @throws JsonApiRefusal when an attribute is wrong, an email is excluded or belongs to another prospect */
    synchronized Prospect create(JsonObject attributes) {
        ProspectSchema.check(attributes);
        List<String> emails = emails(attributes);
        checkEmails(emails, -1);
        long id = nextProspectId++;
        String now = clock.get().toString();
        JsonObject stored = attributes.copy().put("createdAt", now).put("updatedAt", now);
        prospects.put(id, stored);
        emails.forEach(email -> prospectByEmail.put(normalize(email), id));
        return toProspect(id);
    }

    /**
     * Merges attributes into a prospect. A change that changes nothing is refused the way Outreach was seen to
     * refuse it: 422 {@code validationDuplicateValueError}.
     */
    synchronized Prospect update(long id, JsonObject attributes) {
        JsonObject current = prospects.get(id);
        if (current == null) {
            throw JsonApiRefusal.notFound("prospect", id);
        }
        ProspectSchema.check(attributes);
        JsonObject merged = current.copy().mergeIn(attributes);
        if (merged.equals(current)) {
            throw new JsonApiRefusal(422, JsonApiResponses.error("validationDuplicateValueError",
                    "Validation Duplicate Value Error", "A Contact with this email_hash already exists."));
        }
        List<String> emails = emails(attributes);
        checkEmails(emails, id);
        if (attributes.containsKey("emails")) {
            emails(current).forEach(email -> prospectByEmail.remove(normalize(email)));
            emails.forEach(email -> prospectByEmail.put(normalize(email), id));
        }
        prospects.put(id, merged.put("updatedAt", clock.get().toString()));
        return toProspect(id);
    }

    /** @throws JsonApiRefusal 422 when the prospect already has a state in the sequence */
    synchronized SequenceState enroll(long prospectId, long sequenceId, long mailboxId) {
        if (!prospects.containsKey(prospectId)) {
            throw JsonApiRefusal.notFound("prospect", prospectId);
        }
        boolean enrolled = states.values().stream()
                .anyMatch(s -> s.prospectId() == prospectId && s.sequenceId() == sequenceId);
        if (enrolled) {
            throw JsonApiRefusal.validation("Sequence state for this prospect and sequence already exists.");
        }
        SequenceState state = new SequenceState(nextStateId++, prospectId, sequenceId, mailboxId, "active");
        states.put(state.id(), state);
        return state;
    }

    /** Sequence states, filtered by prospect and sequence when given (null: any). */
    synchronized List<SequenceState> states(Long prospectId, Long sequenceId) {
        List<SequenceState> found = new ArrayList<>();
        for (SequenceState state : states.values()) {
            if ((prospectId == null || state.prospectId() == prospectId)
                    && (sequenceId == null || state.sequenceId() == sequenceId)) {
                found.add(state);
            }
        }
        return found;
    }

    private void checkEmails(List<String> emails, long owner) {
        for (String email : emails) {
            String domain = normalize(email).substring(email.indexOf('@') + 1);
            if (excludedDomains.contains(domain)) {
                throw JsonApiRefusal.validation("Contacts contact is using an excluded email address.");
            }
            Long holder = prospectByEmail.get(normalize(email));
            if (holder != null && holder != owner) {
                throw JsonApiRefusal.validation("Contacts email hash has already been taken.");
            }
        }
    }

    private static List<String> emails(JsonObject attributes) {
        JsonArray emails = attributes.getJsonArray("emails");
        return emails == null ? List.of() : emails.stream().map(String.class::cast).toList();
    }

    private Prospect toProspect(long id) {
        JsonObject attributes = prospects.get(id);
        return new Prospect(id, emails(attributes), attributes);
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
