package io.clayflow.stack;

import io.clayflow.routing.RoutingApp;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.streams.StreamsApp;

/**
 * The routing topology: {@code leads.enriched} → the route topics its rules select ({@code override.routing.rules.file}
 * names a rules file; empty: the rules shipped with it).
 */
public final class RoutingPart extends StreamsAppPart {

    private final RoutingConfig routingConfig;

    public RoutingPart(StackConfig config) {
        super(RoutingConfig.APP);
        this.routingConfig = RoutingConfig.LOADER.resolve(settings(config, RoutingConfig.APP,
                StackConfig.ROUTING_METRICS_PORT));
        routingConfig.routeRules(); // a bad rules file fails the stack's creation, naming the file and line
    }

    @Override
    public RoutingConfig configuration() {
        return routingConfig;
    }

    @Override
    protected StreamsApp app() {
        return new RoutingApp(routingConfig);
    }
}
