package io.clayflow.bench;

import io.clayflow.intake.it.IntakeLoad;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH micro-benchmarks of the clayflow serde in the Confluent wire format: encode and decode of a {@code Lead} (as
 * on {@code leads.raw}) and an {@code EnrichedLead} (as on {@code leads.enriched}), against the suite's real registry
 * ({@code -Dbench.registry.url}, passed to JMH's fork), the schema id resolved once in setup and cached after that,
 * as in a running app. Run by {@link SerdeJmhRunner}; not a test class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeCodecJmh {

    static final String REGISTRY_URL_PROPERTY = "bench.registry.url";

    private KafkaAvroSerializer serializer;
    private KafkaAvroDeserializer deserializer;
    private Lead lead;
    private EnrichedLead enriched;
    private byte[] leadBytes;
    private byte[] enrichedBytes;

    @Setup
    public void setUp() {
        String url = Objects.requireNonNull(System.getProperty(REGISTRY_URL_PROPERTY), REGISTRY_URL_PROPERTY);
        serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", url), false);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", url, "specific.avro.reader", "true"), false);
        lead = IntakeLoad.person(42, false);
        enriched = RoutingBench.lead(42);
        // The first calls register/look up the schemas; every measured call then hits the cache.
        leadBytes = serializer.serialize(Topics.LEADS_RAW, lead);
        enrichedBytes = serializer.serialize(Topics.LEADS_ENRICHED, enriched);
        if (!lead.equals(deserializer.deserialize(Topics.LEADS_RAW, leadBytes))
                || !enriched.equals(deserializer.deserialize(Topics.LEADS_ENRICHED, enrichedBytes))) {
            throw new IllegalStateException("the serde does not round-trip the benchmark's records");
        }
    }

    @TearDown
    public void tearDown() {
        serializer.close();
        deserializer.close();
    }

    @Benchmark
    public byte[] encodeLead() {
        return serializer.serialize(Topics.LEADS_RAW, lead);
    }

    @Benchmark
    public Object decodeLead() {
        return deserializer.deserialize(Topics.LEADS_RAW, leadBytes);
    }

    @Benchmark
    public byte[] encodeEnrichedLead() {
        return serializer.serialize(Topics.LEADS_ENRICHED, enriched);
    }

    @Benchmark
    public Object decodeEnrichedLead() {
        return deserializer.deserialize(Topics.LEADS_ENRICHED, enrichedBytes);
    }
}
