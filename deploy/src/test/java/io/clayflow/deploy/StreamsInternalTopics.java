package io.clayflow.deploy;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.ledger.ClayLedgerTopology;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.routing.RoutingTopology;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topics of the Streams apps, read off their real topologies (as each app builds it from its default
 * configuration): a repartition topic for each repartition source, a changelog for each state store, grouped by
 * sub-topology, whose tasks (and so the changelogs' partitions) follow its input topics' partitions.
 */
final class StreamsInternalTopics {

    /** One sub-topology: the topics it reads (internal ones by full name) and the changelogs of its stores. */
    record SubTopology(String app, Set<String> inputs, Set<String> changelogs, Set<String> outputs) {
    }

    private StreamsInternalTopics() {
    }

    static List<SubTopology> all() {
        List<SubTopology> all = new ArrayList<>();
        IntakeConfig intake = IntakeConfig.load(null, Map.of());
        all.addAll(of(intake.applicationId(), IntakeTopology.buildTopology(intake, new SpecificAvroSerde<Lead>())));
        ClayLedgerConfig ledger = ClayLedgerConfig.load(null, Map.of());
        all.addAll(of(ledger.applicationId(), ledgerTopology(ledger)));
        RoutingConfig routing = RoutingConfig.load(null, Map.of());
        all.addAll(of(routing.applicationId(), RoutingTopology.buildTopology(routing, new GenericAvroSerde())));
        return all;
    }

    /**
     * The Clay ledger's topology with a wall-clock callback cutoff (the running app asks an admin client; the topology's
     * shape is the same). The cutoff's type is the ledger's own, package-private: reached by reflection.
     */
    private static Topology ledgerTopology(ClayLedgerConfig config) {
        try {
            Class<?> cutoffType = Class.forName("io.clayflow.ledger.CallbackCutoff");
            java.lang.reflect.Method wallClock = cutoffType.getDeclaredMethod("wallClock");
            wallClock.setAccessible(true);
            return (Topology) ClayLedgerTopology.class.getMethod("buildTopology", ClayLedgerConfig.class, cutoffType)
                    .invoke(null, config, wallClock.invoke(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build the Clay ledger's topology", e);
        }
    }

    /** Every internal topic name. */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (SubTopology sub : all()) {
            sub.inputs().stream().filter(topic -> topic.startsWith(sub.app() + "-")).forEach(names::add);
            names.addAll(sub.changelogs());
        }
        return names;
    }

    private static List<SubTopology> of(String applicationId, Topology topology) {
        List<SubTopology> subs = new ArrayList<>();
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            Set<String> inputs = new TreeSet<>();
            Set<String> changelogs = new TreeSet<>();
            Set<String> outputs = new TreeSet<>();
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    // A source subscribed by a quoted pattern (to start before its topic exists) reads that topic.
                    Set<String> topics = source.topicSet() != null ? source.topicSet()
                            : Set.of(source.topicPattern().pattern().replace("\\Q", "").replace("\\E", ""));
                    topics.forEach(topic -> inputs.add(topic.endsWith("-repartition")
                            ? applicationId + "-" + topic : topic));
                }
                if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    outputs.add(sink.topic().endsWith("-repartition") ? applicationId + "-" + sink.topic() : sink.topic());
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> changelogs.add(StateStores.changelogTopic(applicationId,
                            store)));
                }
            }
            subs.add(new SubTopology(applicationId, inputs, changelogs, outputs));
        }
        return subs;
    }
}
