package io.clayflow.fakes.hubspot;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /crm/v3/objects/contacts/batch/read} by record id: {@code {inputs: [{id}], properties: [...]}}, 1 to
 * 100 inputs. Ids the portal does not have are named in one {@code OBJECT_NOT_FOUND} error and the answer is 207;
 * the others are returned.
 */
final class BatchReadHandler implements Handler<RoutingContext> {

    static final String PATH = "/crm/v3/objects/contacts/batch/read";

    private final ContactApi api;

    BatchReadHandler(ContactApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!api.gate().admit(ctx, false)) {
            return;
        }
        JsonObject json = api.batchRequest(ctx, "{id}");
        if (json == null) {
            return;
        }
        JsonArray inputs = json.getJsonArray("inputs");
        if (json.getString("idProperty") != null && !"hs_object_id".equals(json.getString("idProperty"))) {
            api.gate().answer(ctx, 400, HubSpotErrors.validation("the fake reads contacts by record id only"));
            return;
        }
        api.counters().batchRead();
        List<String> properties = new ArrayList<>();
        json.getJsonArray("properties", new JsonArray()).forEach(name -> properties.add(String.valueOf(name)));
        JsonArray results = new JsonArray();
        JsonArray missing = new JsonArray();
        for (Object input : inputs) {
            String id = input instanceof JsonObject object ? String.valueOf(object.getValue("id")) : null;
            Optional<HubSpotContact> contact = id == null ? Optional.empty() : api.store().byId(id);
            contact.ifPresentOrElse(found -> results.add(ContactJson.of(found, properties)), () -> missing.add(id));
        }
        JsonObject body = new JsonObject().put("status", "COMPLETE").put("results", results);
        if (!missing.isEmpty()) {
            body.put("numErrors", 1).put("errors", new JsonArray().add(HubSpotErrors.error("OBJECT_NOT_FOUND",
                    "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.")
                    .put("context", new JsonObject().put("ids", missing))));
        }
        api.gate().answer(ctx, 0, body);
    }
}
