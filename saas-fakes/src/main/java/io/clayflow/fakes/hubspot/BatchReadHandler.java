package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /crm/v3/objects/contacts/batch/read} by record id: {@code {inputs: [{id}], properties: [...]}}, 1 to
 * 100 inputs. Ids the portal does not have are named in one {@code OBJECT_NOT_FOUND} error and the answer is 207;
 * the others are returned.
 */
final class BatchReadHandler extends BatchEndpoint {

    static final String PATH = "/crm/v3/objects/contacts/batch/read";

    BatchReadHandler(ContactApi api) {
        super(api, "{id}");
    }

    @Override
    void serve(RoutingContext ctx, JsonObject request, JsonArray inputs) {
        if (request.getString("idProperty") != null && !"hs_object_id".equals(request.getString("idProperty"))) {
            api.gate().answer(ctx, 400, HubSpotErrors.validation("the fake reads contacts by record id only"));
            return;
        }
        api.counters().batchRead();
        List<String> properties = new ArrayList<>();
        request.getJsonArray("properties", new JsonArray()).forEach(name -> properties.add(String.valueOf(name)));
        JsonArray results = new JsonArray();
        JsonArray missing = new JsonArray();
        for (Object input : inputs) {
            String id = input instanceof JsonObject object ? String.valueOf(object.getValue("id")) : null;
            Optional<HubSpotContact> contact = id == null ? Optional.empty() : api.store().byId(id);
            contact.ifPresentOrElse(found -> results.add(ContactJson.of(found, properties)), () -> missing.add(id));
        }
        api.gate().answer(ctx, 0, answer(results, new JsonObject().put("ids", missing)));
    }
}
