package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * A contact as HubSpot's CRM API returns it: {@code {id, properties, createdAt, updatedAt, archived}}, with the
 * properties asked for (plus the ones HubSpot always returns), or HubSpot's default set when none were asked for.
 */
final class ContactJson {

    static final Set<String> ALWAYS = Set.of("hs_object_id", "createdate", "lastmodifieddate");
    static final Set<String> DEFAULT = Set.of("email", "firstname", "lastname");

    private ContactJson() {
    }

    static JsonObject of(HubSpotContact contact, List<String> asked) {
        JsonObject properties = new JsonObject();
        contact.properties().forEach((name, value) -> {
            if (ALWAYS.contains(name) || (asked.isEmpty() ? DEFAULT.contains(name) : asked.contains(name))) {
                properties.put(name, value);
            }
        });
        // HubSpot returns an asked-for property the contact has no value for as null.
        asked.stream().filter(name -> !properties.containsKey(name)).forEach(name -> properties.putNull(name));
        return new JsonObject().put("id", contact.id()).put("properties", properties)
                .put("createdAt", contact.createdAt().toString()).put("updatedAt", contact.updatedAt().toString())
                .put("archived", false);
    }
}
