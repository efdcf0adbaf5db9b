package io.clayflow.routing;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.FakeSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The routing topology in a TopologyTestDriver, configured the way {@link RoutingApp} configures it (defaults from
 * {@code routing.properties}, the app's Streams properties and dead-letter handler, the real Avro serde against a
 * loopback registry), with typed topics: leads in, one output per route, the DLQ.
 */
final class RoutingDriver implements AutoCloseable {

    final FakeSchemaRegistry registry = new FakeSchemaRegistry();
    final RoutingConfig config;
    final SpecificAvroSerde<EnrichedLead> leadSerde = new SpecificAvroSerde<>();
    final GenericAvroSerde genericSerde = new GenericAvroSerde();
    final TopologyTestDriver driver;
    final TestInputTopic<String, EnrichedLead> enriched;
    final TestInputTopic<byte[], byte[]> enrichedBytes;
    final Map<Route, TestOutputTopic<String, EnrichedLead>> routes = new EnumMap<>(Route.class);
    final Map<Route, TestOutputTopic<byte[], byte[]>> routeBytes = new EnumMap<>(Route.class);
    final TestOutputTopic<byte[], byte[]> dlq;

    private RoutingDriver(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>(RoutingConfig.classpathDefaults());
        props.put(RoutingConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.putAll(overrides);
        config = new RoutingConfig(props);
        leadSerde.configure(config.serdeConfigs(), false);
        genericSerde.configure(config.serdeConfigs(), false);
        Properties streams = config.streamsProperties();
        try {
            streams.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("routing-ttd").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(RoutingTopology.buildTopology(config, genericSerde), streams);
        enriched = driver.createInputTopic(Topics.LEADS_ENRICHED, new StringSerializer(), leadSerde.serializer());
        enrichedBytes = driver.createInputTopic(Topics.LEADS_ENRICHED, new ByteArraySerializer(),
                new ByteArraySerializer());
        for (Route route : Route.values()) {
            routes.put(route, driver.createOutputTopic(route.topic(), new StringDeserializer(),
                    leadSerde.deserializer()));
            routeBytes.put(route, driver.createOutputTopic(route.topic(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()));
        }
        dlq = driver.createOutputTopic(Topics.LEADS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** With the rules shipped on the classpath. */
    static RoutingDriver withDefaultRules() {
        return new RoutingDriver(Map.of());
    }

    /** With the rules of a file written from {@code rules}. */
    static RoutingDriver withRules(Path dir, String rules) {
        try {
            Path file = Files.writeString(dir.resolve("custom.rules"), rules);
            return new RoutingDriver(Map.of(RoutingConfig.RULES_FILE, file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pipes a lead into leads.enriched, keyed by its lead_id as the gateway keys it. */
    void send(EnrichedLead lead) {
        enriched.pipeInput(lead.getLeadId(), lead);
    }

    /** The bytes the app reads for a lead: the Confluent wire format with the registry's id. */
    byte[] bytesOf(EnrichedLead lead) {
        return leadSerde.serializer().serialize(Topics.LEADS_ENRICHED, lead);
    }

    /** Every lead_id written to a route so far (consumes them). */
    List<String> idsOn(Route route) {
        return routes.get(route).readRecordsToList().stream().map(TestRecord::key).toList();
    }

    /** A routing counter of group {@value RoutingMetrics#GROUP}, summed over tasks, by name. */
    double metric(String name) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            if (entry.getKey().group().equals(RoutingMetrics.GROUP) && entry.getKey().name().equals(name)) {
                sum += ((Number) entry.getValue().metricValue()).doubleValue();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("No metric " + name + " in group " + RoutingMetrics.GROUP);
        }
        return sum;
    }

    @Override
    public void close() {
        driver.close();
        leadSerde.close();
        genericSerde.close();
        registry.close();
    }
}
