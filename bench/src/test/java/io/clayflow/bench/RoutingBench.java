package io.clayflow.bench;

import io.clayflow.gateway.GatewayUnderTest;
import io.clayflow.intake.it.IntakeLoad.OutboxCounter;
import io.clayflow.routing.Route;
import io.clayflow.routing.RoutingConfig;
import io.clayflow.routing.RoutingTopology;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.GenericAvroSerde;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The routing app ({@code leads.enriched} → the route topics, exactly_once_v2, the shipped default rules) on the
 * suite's broker: a backlog of enriched leads is produced (that produce timed too), then the app starts on it; timed
 * until every lead is on the warehouse route, which the default rules give every lead. Restarted per phase (same
 * {@code application.id} and state dir), so a warm-up pass can precede the measured one.
 */
final class RoutingBench implements AutoCloseable {

    static final String APP_ID = "bench-routing";
    private static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final RoutingConfig config;
    private final OutboxCounter warehouse;
    private int nextLead;

    RoutingBench(KafkaBroker kafka, SchemaRegistryServer registry, int partitions) throws Exception {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.registry = Objects.requireNonNull(registry, "registry");
        kafka.createTopic(Topics.LEADS_ENRICHED, partitions);
        for (Route route : Route.values()) {
            kafka.createTopic(route.topic(), partitions);
        }
        Map<String, Object> props = new HashMap<>(RoutingConfig.classpathDefaults());
        props.put(RoutingConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(RoutingConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(RoutingConfig.APPLICATION_ID, APP_ID);
        props.put("streams.state.dir", Files.createTempDirectory(APP_ID).toString());
        props.put("streams.num.standby.replicas", "0");
        // Tuned like the intake benchmark: a thread per core, 1 s commits, large batches.
        props.put("streams.num.stream.threads", "2");
        props.put("streams.commit.interval.ms", "1000");
        props.put("streams.producer.linger.ms", "20");
        props.put("streams.producer.batch.size", Integer.toString(256 * 1024));
        props.put("streams.consumer.max.poll.records", "2000");
        this.config = new RoutingConfig(props);
        this.warehouse = new OutboxCounter(kafka, Topics.LEADS_ROUTE_WAREHOUSE, partitions);
        warehouse.start();
    }

    /** Leads in (and so on the warehouse route), the raw produce seconds of those bytes, the routing seconds. */
    record Result(int leads, long bytes, double produceSeconds, double seconds, long routedRecords) {
        double leadsPerSecond() {
            return leads / seconds;
        }
    }

    Result run(int leads) throws Exception {
        int first = nextLead;
        nextLead += leads;
        byte[][] keys = new byte[leads][];
        byte[][] values = new byte[leads][];
        long bytes = 0;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < leads; i++) {
                EnrichedLead lead = lead(first + i);
                keys[i] = lead.getLeadId().getBytes(StandardCharsets.UTF_8);
                values[i] = serializer.serialize(Topics.LEADS_ENRICHED, lead);
                bytes += values[i].length;
            }
        }
        double produceSeconds = produce(keys, values);
        long before = warehouse.count();
        long routedBefore = routedRecords();
        try (GenericAvroSerde serde = new GenericAvroSerde()) {
            serde.configure(config.serdeConfigs(), false);
            try (KafkaStreams streams = new KafkaStreams(RoutingTopology.buildTopology(config, serde),
                    config.streamsProperties())) {
                long start = System.nanoTime();
                streams.start();
                long end = warehouse.waitFor(before + leads, TIMEOUT);
                streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(60)));
                return new Result(leads, bytes, produceSeconds, (end - start) / 1e9, routedRecords() - routedBefore);
            }
        }
    }

    /** Distinct lead ids on the warehouse route so far. */
    int warehouseDistinct() {
        return warehouse.distinctKeys();
    }

    long warehouseRecords() {
        return warehouse.count();
    }

    @Override
    public void close() {
        try {
            warehouse.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long routedRecords() throws Exception {
        String[] topics = new String[Route.values().length];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = Route.values()[i].topic();
        }
        return GatewayUnderTest.endOffsets(kafka.bootstrapServers(), topics);
    }

    private double produce(byte[][] keys, byte[][] values) {
        Map<String, Object> props = kafka.producerProps();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.partitionsFor(Topics.LEADS_ENRICHED);
            start = System.nanoTime();
            for (int i = 0; i < keys.length; i++) {
                producer.send(new ProducerRecord<>(Topics.LEADS_ENRICHED, keys[i], values[i]), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new AssertionError("producing to leads.enriched failed", failure.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** An enriched lead as Clay returns them: scores and work emails spread so every route gets some. */
    static EnrichedLead lead(int i) {
        return EnrichedLead.newBuilder()
                .setLeadId("bench-lead-" + i)
                .setEmail("person" + i + "@company" + (i % 20) + ".com")
                .setSource("bench")
                .setOccurredAt(AT)
                .setWorkEmail(i % 7 == 0 ? null : "person" + i + "@company" + (i % 20) + ".com")
                .setIcpScore(i % 17 == 0 ? null : (i * 37) % 101)
                .setCountry(i % 2 == 0 ? "US" : "DE")
                .setEnrichment(Map.of("row", Integer.toString(i), "funding", "Series B"))
                .setEnrichedAt(AT.plusSeconds(i % 86_400))
                .build();
    }
}
