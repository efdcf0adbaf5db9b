package io.clayflow.stack;

import io.clayflow.routing.RoutingConfig;
import io.clayflow.routing.RoutingTopology;
import io.clayflow.schemas.serde.GenericAvroSerde;
import org.apache.kafka.streams.Topology;

/**
 * The routing topology: {@code leads.enriched} → the route topics its rules select ({@code override.routing.rules.file}
 * names a rules file; empty: the rules shipped with it).
 */
public final class RoutingPart extends StreamsAppPart {

    private final RoutingConfig routingConfig;
    private GenericAvroSerde leadSerde;

    public RoutingPart(StackConfig config) {
        super("routing");
        this.routingConfig = new RoutingConfig(settings(config, "routing", StackConfig.ROUTING_METRICS_PORT,
                RoutingConfig.classpathDefaults()));
        routingConfig.routeRules(); // a bad rules file fails the stack's creation, naming the file and line
    }

    @Override
    public RoutingConfig configuration() {
        return routingConfig;
    }

    @Override
    protected Topology topology() {
        leadSerde = new GenericAvroSerde();
        leadSerde.configure(routingConfig.serdeConfigs(), false);
        return RoutingTopology.buildTopology(routingConfig, leadSerde);
    }

    @Override
    protected void closeSerdes() {
        leadSerde.close();
    }
}
