package io.clayflow.fakes.hubspot;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
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

    private final ApiGate gate;
    private final HubSpotConfig config;
    private final ContactStore store;
    private final HubSpotCounters counters;

    BatchReadHandler(ApiGate gate, HubSpotConfig config, ContactStore store, HubSpotCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!gate.admit(ctx, false)) {
            return;
        }
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            json = null;
        }
        JsonArray inputs = json == null ? null : json.getJsonArray("inputs");
        if (inputs == null || inputs.isEmpty() || inputs.size() > config.maxInputs()) {
            gate.answer(ctx, 400, HubSpotErrors.validation("inputs must hold 1 to " + config.maxInputs()
                    + " objects {id}"));
            return;
        }
        if (json.getString("idProperty") != null && !"hs_object_id".equals(json.getString("idProperty"))) {
            gate.answer(ctx, 400, HubSpotErrors.validation("the fake reads contacts by record id only"));
            return;
        }
        counters.batchRead();
        List<String> properties = new ArrayList<>();
        json.getJsonArray("properties", new JsonArray()).forEach(name -> properties.add(String.valueOf(name)));
        JsonArray results = new JsonArray();
        JsonArray missing = new JsonArray();
        for (Object input : inputs) {
            String id = input instanceof JsonObject object ? String.valueOf(object.getValue("id")) : null;
            Optional<HubSpotContact> contact = id == null ? Optional.empty() : store.byId(id);
            contact.ifPresentOrElse(found -> results.add(ContactJson.of(found, properties)), () -> missing.add(id));
        }
        JsonObject body = new JsonObject().put("status", "COMPLETE").put("results", results);
        if (!missing.isEmpty()) {
            body.put("numErrors", 1).put("errors", new JsonArray().add(HubSpotErrors.error("OBJECT_NOT_FOUND",
                    "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.")
                    .put("context", new JsonObject().put("ids", missing))));
        }
        gate.answer(ctx, 0, body);
    }
}
