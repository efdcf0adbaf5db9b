package io.clayflow.routing;

import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The routing topology: {@code leads.enriched} → decode and evaluate the rules → {@code leads.route.crm},
 * {@code leads.route.outreach}, {@code leads.route.nurture}, {@code leads.route.warehouse}, each lead to every route
 * its rules select, keyed by {@code lead_id}. Refused records go to {@code leads.dlq} through
 * {@link io.clayflow.streams.DeadLetterProcessingHandler}, which the app's Streams configuration installs. Stateless: no store, no
 * repartition topic.
 *
 * <p>Values are decoded and re-encoded with the writer's own schema (a {@code GenericRecord}), not the app's
 * compiled {@code EnrichedLead}: a field a newer gateway added passes through even to an older routing app, and
 * the route topic's subject ({@code leads.route.crm-value}, ...) is registered and compatibility-checked like any
 * topic's. A registry that gives one schema one id (Confluent; Apicurio with canonical hashing) gives the route
 * record the input's schema id.
 */
public final class RoutingTopology {

    public static final String SOURCE = "routing.source";
    /** The processor node: refusals are dead-lettered with stage {@code routing.decode} or {@code routing.route}. */
    public static final String PROCESSOR = Stage.ROUTING_ROUTE.wireName();

    private RoutingTopology() {
    }

    /** The sink node of a route, e.g. {@code routing.to-crm}. */
    public static String sinkName(Route route) {
        return "routing.to-" + route.ruleName();
    }

    /**
     * The topology for a configuration: the app's entry point.
     *
     * @param leadSerde the configured generic Avro serde (Confluent wire format, schema registry), owned by the
     *     caller: it decodes {@code leads.enriched} and encodes the routes
     * @throws RuleFileException when the configured rules cannot be used
     */
    public static Topology buildTopology(RoutingConfig config, Serde<GenericRecord> leadSerde) {
        return build(config.routeRules(), leadSerde);
    }

    static Topology build(RouteRules rules, Serde<GenericRecord> leadSerde) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(leadSerde, "leadSerde");
        Map<Route, String> sinks = new EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            sinks.put(route, sinkName(route));
        }
        Topology topology = new Topology();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.LEADS_ENRICHED);
        topology.addProcessor(PROCESSOR, () -> new RoutingProcessor(rules, leadSerde.deserializer(), sinks), SOURCE);
        sinks.forEach((route, sink) ->
                topology.addSink(sink, route.topic(), new StringSerializer(), leadSerde.serializer(), PROCESSOR));
        return topology;
    }
}
