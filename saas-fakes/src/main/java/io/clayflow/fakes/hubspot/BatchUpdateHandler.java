package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code POST /crm/v3/objects/contacts/batch/update} by record id: {@code {inputs: [{id, properties,
 * objectWriteTraceId}]}}. As HubSpot: the whole batch is refused (400) for its shape, too many inputs, an id twice or
 * a property the portal does not have; an id the portal does not have fails alone (207, {@code OBJECT_NOT_FOUND}
 * naming it); the others are updated, which moves their {@code lastmodifieddate}.
 */
final class BatchUpdateHandler extends BatchEndpoint {

    static final String PATH = "/crm/v3/objects/contacts/batch/update";

    BatchUpdateHandler(ContactApi api) {
        super(api, "{id, properties}");
    }

    private record Input(String id, Map<String, String> properties, String trace) {
    }

    @Override
    void serve(RoutingContext ctx, JsonObject request, JsonArray raw) {
        List<Input> inputs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> unknown = new TreeSet<>();
        for (Object item : raw) {
            if (!(item instanceof JsonObject input) || input.getValue("id") == null
                    || !(input.getValue("properties") instanceof JsonObject properties)) {
                api.gate().answer(ctx, 400, HubSpotErrors.validation("each input needs an id and properties"));
                return;
            }
            String id = String.valueOf(input.getValue("id"));
            if (!ids.add(id)) {
                api.gate().answer(ctx, 400, HubSpotErrors.validation("Duplicate IDs found in batch input: [" + id + "]"));
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            properties.forEach(entry -> {
                if (!api.config().properties().contains(entry.getKey())) {
                    unknown.add(entry.getKey());
                }
                values.put(entry.getKey(), entry.getValue() == null ? "" : entry.getValue().toString());
            });
            inputs.add(new Input(id, values, input.getString("objectWriteTraceId")));
        }
        if (!unknown.isEmpty()) {
            api.gate().answer(ctx, 400, HubSpotErrors.invalidProperties(unknown.stream().map(name ->
                    new HubSpotErrors.PropertyProblem(name, "PROPERTY_DOESNT_EXIST",
                            "Property \"" + name + "\" does not exist")).toList()));
            return;
        }
        api.counters().inputs(inputs.size());
        JsonArray results = new JsonArray();
        JsonArray missing = new JsonArray();
        JsonArray missingTraces = new JsonArray();
        for (Input input : inputs) {
            Optional<HubSpotContact> updated = api.store().update(input.id(), input.properties(), ContactStore.INTEGRATION);
            if (updated.isEmpty()) {
                missing.add(input.id());
                if (input.trace() != null) {
                    missingTraces.add(input.trace());
                }
                continue;
            }
            api.counters().upserted(false);
            JsonObject result = ContactJson.of(updated.get(), List.copyOf(input.properties().keySet()));
            if (input.trace() != null) {
                result.put("objectWriteTraceId", input.trace());
            }
            results.add(result);
        }
        JsonObject notFound = new JsonObject().put("ids", missing);
        if (!missingTraces.isEmpty()) {
            notFound.put("objectWriteTraceId", missingTraces);
        }
        api.gate().answer(ctx, 0, answer(results, notFound));
    }
}
