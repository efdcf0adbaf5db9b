package io.clayflow.routing;

import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.streams.AbstractStreamsApp;
import io.clayflow.streams.StreamsAppRunner;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing app as {@link StreamsAppRunner} runs it: {@link RoutingTopology} with its generic Avro serde and the
 * rules its configuration names, read and checked when the app is created so that a bad rules file stops it before
 * anything starts. {@code main} takes an optional properties file as its only argument ({@code CLAYFLOW_ROUTING_*}
 * environment variables override it) and runs until the JVM shuts down.
 */
public final class RoutingApp extends AbstractStreamsApp<RoutingConfig, GenericAvroSerde> {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingApp.class);

    private final RouteRules rules;

    /** @throws RuleFileException naming the file and the line when the configured rules cannot be used */
    public RoutingApp(RoutingConfig config) {
        super(config);
        this.rules = config.routeRules();
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsAppRunner.main(RoutingConfig.APP, args, (file, env) -> new RoutingApp(RoutingConfig.load(file, env)));
    }

    @Override
    protected GenericAvroSerde newSerde() {
        return new GenericAvroSerde();
    }

    /** Logs the rules it builds with, and every route no rule names: nothing will reach it. */
    @Override
    protected Topology buildTopology(RoutingConfig config, GenericAvroSerde leadSerde) {
        LOG.info("Routing rules from {}:\n{}", rules.source(), rules.describe());
        Set<Route> idle = EnumSet.complementOf(EnumSet.copyOf(rules.routesWithRules()));
        if (!idle.isEmpty()) {
            LOG.warn("No rule names {}: nothing will be written to {}", idle,
                    idle.stream().map(Route::topic).toList());
        }
        return RoutingTopology.build(rules, leadSerde);
    }
}
