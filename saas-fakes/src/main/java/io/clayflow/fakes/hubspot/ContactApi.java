package io.clayflow.fakes.hubspot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * What every contacts endpoint of the fake works with: the gate (token, rate limits, faults), the portal's settings,
 * its contacts and its counters; and the shape check the batch endpoints share.
 */
record ContactApi(ApiGate gate, HubSpotConfig config, ContactStore store, HubSpotCounters counters) {

    ContactApi {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(counters, "counters");
    }

    /**
     * A batch request's body, whose {@code inputs} hold 1 to {@link HubSpotConfig#maxInputs()} entries; or null once
     * the request was answered 400 (not a JSON object, no inputs, too many), as HubSpot refuses a whole batch for its
     * shape.
     *
     * @param shape what one input holds, for the error, e.g. {@code {id}}
     */
    JsonObject batchRequest(RoutingContext ctx, String shape) {
        JsonObject json;
        try {
            json = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            json = null;
        }
        JsonArray inputs = json == null ? null : json.getJsonArray("inputs");
        if (inputs == null || inputs.isEmpty() || inputs.size() > config.maxInputs()) {
            gate.answer(ctx, 400, HubSpotErrors.validation("inputs must hold 1 to " + config.maxInputs()
                    + " objects " + shape));
            return null;
        }
        return json;
    }
}
