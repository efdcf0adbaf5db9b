package io.clayflow.connect.hubspot.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.hubspot.HubSpotAccess;
import io.clayflow.connect.resilience.ResilientCall;
import io.clayflow.connect.resilience.UnavailableException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * HubSpot's contacts search and batch read as the source calls them, as the private app, under the resilience guard:
 * one rate-limit permit per request (the search limit is per second), 429/5xx/no answer retried waiting what HubSpot
 * asked, a circuit breaker. An answer no retry changes (401/403, 400) fails the task with HubSpot's message: it is
 * the configuration's fault, and going on would skip changes.
 */
final class ContactSearch implements ContactPages {

    static final int MAX_BATCH_READ = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerClient peer;
    private final URI searchUri;
    private final URI batchReadUri;
    private final List<String> properties;

    ContactSearch(PeerClient peer, URI searchUri, URI batchReadUri, List<String> properties) {
        this.peer = Objects.requireNonNull(peer, "peer");
        this.searchUri = Objects.requireNonNull(searchUri, "searchUri");
        this.batchReadUri = Objects.requireNonNull(batchReadUri, "batchReadUri");
        this.properties = List.copyOf(properties);
    }

    static ContactSearch create(HubSpotSourceConfig config, List<String> properties, Runnable on429) {
        return new ContactSearch(HubSpotAccess.client(config, config.resilience(), on429), config.searchUri(),
                config.batchReadUri(), properties);
    }

    /** Contacts changed at exactly {@code modifiedMs} with an id above {@code afterId}, by id. */
    @Override
    public List<CrmContact> sameTimeAfter(long modifiedMs, long afterId, int limit) throws UnavailableException {
        // GTE and LTE of one millisecond rather than EQ: EQ on a datetime is documented loosely by HubSpot.
        return search(limit, "hs_object_id", new Filter("lastmodifieddate", "GTE", modifiedMs),
                new Filter("lastmodifieddate", "LTE", modifiedMs), new Filter("hs_object_id", "GT", afterId));
    }

    /** Contacts changed after {@code afterMs} and before {@code beforeMs}, by modification time. */
    @Override
    public List<CrmContact> changedBetween(long afterMs, long beforeMs, int limit) throws UnavailableException {
        return search(limit, "lastmodifieddate", new Filter("lastmodifieddate", "GT", afterMs),
                new Filter("lastmodifieddate", "LT", beforeMs));
    }

    /** One condition of a search: a property compared with a number (a time in ms, an id). */
    private record Filter(String property, String operator, long value) {
    }

    /** The contacts with these ids (at most 100); ids HubSpot does not have are left out. */
    List<CrmContact> read(Collection<Long> ids) throws UnavailableException {
        if (ids.size() > MAX_BATCH_READ) {
            throw new IllegalArgumentException("HubSpot reads at most " + MAX_BATCH_READ + " contacts at once");
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        ids.forEach(id -> inputs.addObject().put("id", Long.toString(id)));
        ArrayNode wanted = body.putArray("properties");
        properties.forEach(wanted::add);
        return results(call(batchReadUri, body, "batch read"));
    }

    /** The first {@code limit} contacts that meet every filter, in ascending {@code sortBy} order. */
    private List<CrmContact> search(int limit, String sortBy, Filter... filters) throws UnavailableException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode conditions = body.putArray("filterGroups").addObject().putArray("filters");
        for (Filter filter : filters) {
            conditions.addObject().put("propertyName", filter.property()).put("operator", filter.operator())
                    .put("value", Long.toString(filter.value()));
        }
        body.putArray("sorts").addObject().put("propertyName", sortBy).put("direction", "ASCENDING");
        ArrayNode wanted = body.putArray("properties");
        properties.forEach(wanted::add);
        body.put("limit", limit);
        return results(call(searchUri, body, "search"));
    }

    private JsonNode call(URI uri, ObjectNode body, String what) throws UnavailableException {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpReply reply = peer.send(1, "POST", uri, bytes);
        if (!reply.isSuccess()) {
            String hint = reply.isAuthFailure() ? ": check " + HubSpotAccess.TOKEN
                    + " and that the private app has the crm.objects.contacts.read scope" : "";
            throw new ConnectException("HubSpot refused the contacts " + what + " (HTTP " + reply.status() + ")"
                    + hint + ": " + reply.excerpt());
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new ConnectException("HubSpot answered the contacts " + what + " with no JSON: "
                    + reply.excerpt(), e);
        }
    }

    private static List<CrmContact> results(JsonNode answer) {
        List<CrmContact> contacts = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            Map<String, String> values = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = result.path("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getValue().isNull()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            }
            contacts.add(new CrmContact(Long.parseLong(result.path("id").asText()), values));
        }
        return contacts;
    }

    ResilientCall guard() {
        return peer.guard();
    }
}
