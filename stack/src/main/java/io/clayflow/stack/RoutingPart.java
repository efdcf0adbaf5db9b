package io.clayflow.stack;

import io.clayflow.routing.RoutingApp;
import io.clayflow.routing.RoutingConfig;

/**
 * The routing topology: {@code leads.enriched} → the route topics its rules select ({@code override.routing.rules.file}
 * names a rules file; empty: the rules shipped with it).
 */
public final class RoutingPart extends StreamsAppPart<RoutingConfig> {

    public RoutingPart(StackConfig config) {
        super(config, RoutingConfig.APP, RoutingConfig.LOADER, StackConfig.ROUTING_METRICS_PORT, RoutingApp::new);
        configuration().routeRules(); // a bad rules file fails the stack's creation, naming the file and line
    }
}
