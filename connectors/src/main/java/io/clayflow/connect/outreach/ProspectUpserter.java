package io.clayflow.connect.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes sure a prospect exists in Outreach with the lead's attributes, keyed by email: find it
 * ({@code GET /api/v2/prospects?filter[emails]=...}), then update only the attributes that differ (none: no request),
 * or create it. Finding before creating is what makes a redelivered lead land on the same prospect.
 */
final class ProspectUpserter {

    /** What happened to the prospect. */
    enum Action { CREATED, UPDATED, UNCHANGED }

    record Upserted(long prospectId, Action action) {
    }

    private final OutreachClient outreach;

    ProspectUpserter(OutreachClient outreach) {
        this.outreach = Objects.requireNonNull(outreach, "outreach");
    }

    /**
     * @throws OutreachRejectedException when Outreach refuses the prospect (e.g. an excluded or invalid email): its
     *                                   message
     * @throws UnavailableException when Outreach does not answer in time, limits us, or the circuit is open
     */
    Upserted upsert(String email, ObjectNode attributes) throws OutreachRejectedException, UnavailableException {
        Optional<JsonNode> existing = find(email);
        if (existing.isPresent()) {
            return update(existing.get(), attributes);
        }
        HttpReply created = outreach.post("/api/v2/prospects", JsonApi.newProspect(email, attributes));
        if (created.isSuccess()) {
            return new Upserted(idOf(JsonApi.single(created).orElse(null), created), Action.CREATED);
        }
        if (created.status() == 422) {
            // Taken meanwhile (another writer, or the email stored in another case): it is ours to update.
            Optional<JsonNode> raced = find(email);
            if (raced.isPresent()) {
                return update(raced.get(), attributes);
            }
        }
        throw refused("create", created);
    }

    private Optional<JsonNode> find(String email) throws UnavailableException, OutreachRejectedException {
        HttpReply found = outreach.get("/api/v2/prospects?filter%5Bemails%5D="
                + URLEncoder.encode(email, StandardCharsets.UTF_8));
        if (!found.isSuccess()) {
            throw refused("look up", found);
        }
        return JsonApi.list(found).stream().findFirst();
    }

    private Upserted update(JsonNode prospect, ObjectNode attributes)
            throws UnavailableException, OutreachRejectedException {
        long id = idOf(prospect, null);
        ObjectNode changed = changes(prospect.path("attributes"), attributes);
        if (changed.isEmpty()) {
            return new Upserted(id, Action.UNCHANGED);
        }
        HttpReply updated = outreach.patch("/api/v2/prospects/" + id, JsonApi.prospectUpdate(id, changed));
        if (updated.isSuccess()) {
            return new Upserted(id, Action.UPDATED);
        }
        if (updated.status() == 422 && "validationDuplicateValueError".equals(JsonApi.firstErrorCode(updated))) {
            return new Upserted(id, Action.UNCHANGED); // Outreach's answer to an update that changes nothing
        }
        throw refused("update", updated);
    }

    /** The attributes whose values Outreach does not already hold. */
    static ObjectNode changes(JsonNode current, ObjectNode wanted) {
        ObjectNode changed = wanted.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().equals(current.path(entry.getKey()))) {
                changed.set(entry.getKey(), entry.getValue());
            }
        }
        return changed;
    }

    private static long idOf(JsonNode resource, HttpReply reply) throws OutreachRejectedException {
        Optional<Long> id = resource == null ? Optional.empty() : JsonApi.id(resource);
        if (id.isEmpty()) {
            throw new OutreachRejectedException("Outreach answered without a prospect id: "
                    + (reply == null ? resource : reply.excerpt()));
        }
        return id.get();
    }

    private static OutreachRejectedException refused(String what, HttpReply reply) {
        return new OutreachRejectedException("Outreach refused to " + what + " the prospect (HTTP " + reply.status()
                + "): " + JsonApi.errors(reply));
    }
}
