package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /crm/v3/objects/contacts/batch/upsert}. In order: the {@link ApiGate} (faults, 401, 429), 400 (the
 * whole batch: shape, more than 100 inputs, idProperty not email, duplicate ids, unknown properties, values too
 * long), then each input: a bad email fails that input alone and the answer is 207 with {@code errors[]}; the rest
 * are upserted by email.
 */
final class BatchUpsertHandler extends ContactEndpoint {

    static final String PATH = "/crm/v3/objects/contacts/batch/upsert";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)*\\.[A-Za-z]{2,}$");

    BatchUpsertHandler(ContactApi api) {
        super(api, false);
    }

    @Override
    void serve(RoutingContext ctx) {
        UpsertRequest request = UpsertRequest.parse(ctx.body().buffer(), api.config());
        if (request.refusal() != null) {
            api.gate().answer(ctx, 400, request.refusal());
            return;
        }
        api.counters().inputs(request.inputs().size());
        api.gate().answer(ctx, 0, upsert(request.inputs()));
    }

    /** Upserts the inputs with a valid email; the others become errors. Status 200, or 207 when any failed. */
    private JsonObject upsert(List<UpsertRequest.Input> inputs) {
        Instant started = Instant.now();
        JsonArray results = new JsonArray();
        JsonArray errors = new JsonArray();
        for (UpsertRequest.Input input : inputs) {
            if (!EMAIL.matcher(input.email()).matches()) {
                api.counters().inputError();
                JsonObject context = new JsonObject().put("ids", new JsonArray().add(input.email()));
                if (input.objectWriteTraceId() != null) {
                    context.put("objectWriteTraceId", new JsonArray().add(input.objectWriteTraceId()));
                }
                errors.add(HubSpotErrors.invalidProperties(List.of(new HubSpotErrors.PropertyProblem("email",
                        "INVALID_EMAIL", "Email address " + input.email() + " is invalid")))
                        .put("context", context));
                continue;
            }
            ContactStore.Upserted upserted = api.store().upsert(input.email(), input.properties());
            api.counters().upserted(upserted.created());
            HubSpotContact contact = upserted.contact();
            JsonObject result = new JsonObject().put("id", contact.id())
                    .put("properties", new JsonObject(new java.util.HashMap<>(contact.properties())))
                    .put("createdAt", contact.createdAt().toString()).put("updatedAt", contact.updatedAt().toString())
                    .put("archived", false).put("new", upserted.created());
            if (input.objectWriteTraceId() != null) {
                result.put("objectWriteTraceId", input.objectWriteTraceId());
            }
            results.add(result);
        }
        JsonObject body = new JsonObject().put("status", "COMPLETE").put("results", results)
                .put("requestedAt", started.toString()).put("startedAt", started.toString())
                .put("completedAt", Instant.now().toString());
        if (!errors.isEmpty()) {
            body.put("numErrors", errors.size()).put("errors", errors);
        }
        return body;
    }
}
