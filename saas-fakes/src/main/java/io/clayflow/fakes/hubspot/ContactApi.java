package io.clayflow.fakes.hubspot;

import java.util.Objects;

/**
 * What every contacts endpoint of the fake works with: the gate (token, rate limits, faults), the portal's settings,
 * its contacts and its counters.
 */
record ContactApi(ApiGate gate, HubSpotConfig config, ContactStore store, HubSpotCounters counters) {

    ContactApi {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(counters, "counters");
    }
}
