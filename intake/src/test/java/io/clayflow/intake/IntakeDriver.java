package io.clayflow.intake;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.FakeSchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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

/**
 * The intake topology in a TopologyTestDriver, configured the way {@link IntakeApp} configures it (defaults from
 * {@code intake.properties}, the app's Streams properties and dead-letter handlers, the real Avro serde against a
 * loopback registry), with typed topics and the driver's clocks.
 */
final class IntakeDriver implements AutoCloseable {

    /** A Monday morning, UTC: far from a budget-period boundary unless a test moves it. */
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final FakeSchemaRegistry registry = new FakeSchemaRegistry();
    final IntakeConfig config;
    final SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>();
    final TopologyTestDriver driver;
    final TestInputTopic<String, Lead> raw;
    final TestInputTopic<byte[], byte[]> rawBytes;
    final TestOutputTopic<String, Lead> outbox;
    final TestOutputTopic<byte[], byte[]> dlq;
    final SpecificAvroSerde<EnrichedLead> enrichedSerde = new SpecificAvroSerde<>();
    /** leads.enriched: what the gateway writes (Clay's callbacks) and the cache's hits, one topic in the driver. */
    final TestInputTopic<String, EnrichedLead> enrichedIn;
    final TestOutputTopic<String, EnrichedLead> enriched;

    private IntakeDriver(Map<String, String> overrides, Instant wallClock, boolean exactlyOnce) {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.putAll(overrides);
        config = new IntakeConfig(props);
        serde.configure(config.serdeConfigs(), false);
        Properties streams = config.streamsProperties();
        try {
            streams.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("intake-ttd").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!exactlyOnce) {
            streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        }
        enrichedSerde.configure(config.serdeConfigs(), false);
        driver = new TopologyTestDriver(IntakeTopology.buildTopology(config, serde, enrichedSerde), streams,
                wallClock);
        enrichedIn = driver.createInputTopic(Topics.LEADS_ENRICHED, new StringSerializer(),
                enrichedSerde.serializer());
        enriched = driver.createOutputTopic(Topics.LEADS_ENRICHED, new StringDeserializer(),
                enrichedSerde.deserializer());
        raw = driver.createInputTopic(Topics.LEADS_RAW, new StringSerializer(), serde.serializer());
        rawBytes = driver.createInputTopic(Topics.LEADS_RAW, new ByteArraySerializer(), new ByteArraySerializer());
        outbox = driver.createOutputTopic(Topics.LEADS_CLAY_OUTBOX, new StringDeserializer(), serde.deserializer());
        dlq = driver.createOutputTopic(Topics.LEADS_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static IntakeDriver start() {
        return new IntakeDriver(Map.of(), START, true);
    }

    /** With {@code cache.policy=drop}: intake as it was before the enrichment cache. */
    static IntakeDriver startDropping() {
        return new IntakeDriver(Map.of(IntakeConfig.CACHE_POLICY, "drop"), START, true);
    }

    static IntakeDriver start(Map<String, String> overrides) {
        return new IntakeDriver(overrides, START, true);
    }

    static IntakeDriver start(Map<String, String> overrides, Instant wallClock) {
        return new IntakeDriver(overrides, wallClock, true);
    }

    /**
     * As the app runs but at-least-once. Only for the deserialization handler's dead letters: the handler runs when
     * the driver enqueues a record, inside a transaction the driver has not committed yet, and the driver's
     * MockProducer.clear() (called before it processes) throws uncommitted sends away. Real Kafka Streams commits
     * them with the next transaction; the real-broker ITs check that under exactly_once_v2.
     */
    static IntakeDriver startAtLeastOnce() {
        return new IntakeDriver(Map.of(), START, false);
    }

    /** Pipes a lead into leads.raw with record time {@code at}. */
    void send(Lead lead, Instant at) {
        raw.pipeInput(null, lead, at);
    }

    void send(Lead lead) {
        send(lead, START);
    }

    /** The bytes the app reads for a lead: the Confluent wire format with the registry's id. */
    byte[] bytesOf(Lead lead) {
        return serde.serializer().serialize(Topics.LEADS_RAW, lead);
    }

    /** Runs the throttle's wall-clock punctuation after {@code step}, {@code times} times. */
    void advanceWallClock(Duration step, int times) {
        for (int i = 0; i < times; i++) {
            driver.advanceWallClockTime(step);
        }
    }

    /** An intake metric of group {@value IntakeMetrics#GROUP}, by name. */
    double metric(String name) {
        for (Map.Entry<MetricName, ? extends Metric> entry : driver.metrics().entrySet()) {
            if (entry.getKey().group().equals(IntakeMetrics.GROUP) && entry.getKey().name().equals(name)) {
                return ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("No metric " + name + " in group " + IntakeMetrics.GROUP);
    }

    @Override
    public void close() {
        driver.close();
        serde.close();
        enrichedSerde.close();
        registry.close();
    }
}
