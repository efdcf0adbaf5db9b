package io.clayflow.fakes.hubspot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * A batch endpoint by record id (read, update): HubSpot refuses a whole batch for its shape, so a body that is not a
 * JSON object, or whose {@code inputs} do not hold 1 to {@link HubSpotConfig#maxInputs()} entries, is answered 400
 * before the endpoint looks at any input.
 */
abstract class BatchEndpoint extends ContactEndpoint {

    private static final String NOT_FOUND_MESSAGE =
            "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.";

    private final String inputShape;

    /** @param inputShape what one input holds, for the error, e.g. {@code {id}} */
    BatchEndpoint(ContactApi api, String inputShape) {
        super(api, false);
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape");
    }

    @Override
    final void serve(RoutingContext ctx) {
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            json = null;
        }
        JsonArray inputs = json == null ? null : json.getJsonArray("inputs");
        int max = api.config().maxInputs();
        if (inputs == null || inputs.isEmpty() || inputs.size() > max) {
            api.gate().answer(ctx, 400, HubSpotErrors.validation("inputs must hold 1 to " + max + " objects "
                    + inputShape));
            return;
        }
        serve(ctx, json, inputs);
    }

    /** Answers a batch whose {@code inputs} has the allowed size. */
    abstract void serve(RoutingContext ctx, JsonObject request, JsonArray inputs);

    /**
     * HubSpot's answer to a batch by id: {@code COMPLETE} with the results; when ids were missing, also one
     * {@code OBJECT_NOT_FOUND} error with {@code context} naming them (which makes the answer 207).
     */
    static JsonObject answer(JsonArray results, JsonObject notFoundContext) {
        JsonObject body = new JsonObject().put("status", "COMPLETE").put("results", results);
        if (!notFoundContext.getJsonArray("ids").isEmpty()) {
            body.put("numErrors", 1).put("errors", new JsonArray().add(HubSpotErrors.error("OBJECT_NOT_FOUND",
                    NOT_FOUND_MESSAGE).put("context", notFoundContext)));
        }
        return body;
    }
}
