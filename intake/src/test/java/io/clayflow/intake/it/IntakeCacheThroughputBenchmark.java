package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.intake.LeadNormalizer;
import io.clayflow.intake.it.IntakeLoad.Batch;
import io.clayflow.intake.it.IntakeLoad.OutboxCounter;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput when half the leads are repeats served from the enrichment cache ({@code cache.policy=cached},
 * the default), next to the broker's own produce rate for the same bytes in the same run. Throttle and budget off,
 * {@code exactly_once_v2}, the throughput settings of {@link IntakeLoad#throughputConfig}. Failsafe runs it only
 * with {@code -Pbenchmark} (docs/benchmarks.md has the command and the results).
 *
 * <ol>
 *   <li><b>Fill (and warm-up)</b>: N/2 people go through intake to the outbox; Clay's enrichment of each is then
 *       written to {@code leads.enriched} (as the gateway would) and read into the cache; the app is closed.</li>
 *   <li>N leads are serialized: every other one a new person, the others those N/2 people again in another spelling
 *       (upper case, padded) from another source.</li>
 *   <li><b>Raw produce rate</b> of those bytes into {@code leads.raw} ({@link IntakeLoad#produce}).</li>
 *   <li><b>Intake rate</b>: the same app restarted on that backlog, timed from {@code start()} until N/2 new leads
 *       are in the outbox and N/2 cache hits on {@code leads.enriched} (read_committed).</li>
 * </ol>
 * Knobs: {@code benchmark.leads} (default 100,000), {@code benchmark.partitions} (4), {@code benchmark.intake.<key>}.
 */
@ClayflowIntegrationTest
class IntakeCacheThroughputBenchmark {

    private static final int LEADS = Integer.getInteger("benchmark.leads", 100_000);
    private static final int PARTITIONS = Integer.getInteger("benchmark.partitions", 4);
    private static final String APP_ID = "intake-cache-benchmark";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int CACHED_FROM = 1_000_000;
    private static final int NEW_FROM = 3_000_000;

    @Test
    void intakeThroughputWithHalfTheLeadsServedFromTheCache(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_ENRICHED, Topics.LEADS_CLAY_OUTBOX)) {
            kafka.createTopic(topic, PARTITIONS);
        }
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        // Both meters off (0 = not limited): with the Actions meter's default a run would stop for the day after
        // budget.actions.per.period / cost.actions.per.row rows.
        Map<String, String> props = new HashMap<>(IntakeLoad.throughputConfig(kafka, registry, APP_ID)
                .originalsStrings());
        props.put(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "0");
        props.put(IntakeConfig.BUDGET_DATA_CREDITS_PER_PERIOD, "0");
        IntakeConfig config = new IntakeConfig(props);
        assertThat(config.enrichmentCache().policy().id()).isEqualTo("cached");
        int half = LEADS / 2;
        OutboxCounter outbox = new OutboxCounter(kafka, PARTITIONS);
        OutboxCounter enriched = new OutboxCounter(kafka, Topics.LEADS_ENRICHED, PARTITIONS);
        OutboxCounter cacheChangelog = new OutboxCounter(kafka,
                StateStores.changelogTopic(APP_ID, StateStores.Intake.ENRICHMENT_CACHE), PARTITIONS);
        outbox.start();
        enriched.start();

        // 1. Fill: half the people through intake, then Clay's enrichment of each into the cache.
        Batch first = IntakeLoad.batch(registry, half, CACHED_FROM, false);
        IntakeLoad.produce(kafka, first);
        long fillStart = System.nanoTime();
        double fillSeconds;
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(config);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde),
                     config.streamsProperties())) {
            streams.start();
            outbox.waitFor(half, TIMEOUT);
            produceEnrichments(kafka, registry, half);
            enriched.waitFor(half, TIMEOUT);
            cacheChangelog.start();
            cacheChangelog.waitFor(half, TIMEOUT);
            fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(60)));
        } finally {
            cacheChangelog.stop();
        }

        // 2. Serialized before anything is timed: new people and repeats of the cached ones, alternating.
        Batch mixed = mixed(registry, half);

        // 3. The broker's own produce rate for those bytes.
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double produceSeconds = IntakeLoad.produce(kafka, mixed);
        double rawRate = LEADS / produceSeconds;

        // 4. Intake on that backlog, restarted.
        double intakeSeconds;
        double served;
        double held;
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(config);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde),
                     config.streamsProperties())) {
            long start = System.nanoTime();
            streams.start();
            long outboxDone = outbox.waitFor(half + half, TIMEOUT);
            long enrichedDone = enriched.waitFor(half + half, TIMEOUT);
            intakeSeconds = (Math.max(outboxDone, enrichedDone) - start) / 1e9;
            served = metric(streams, "cache-served-total");
            held = metric(streams, "cache-held-total");
            streams.close(Duration.ofSeconds(60));
        } finally {
            outbox.stop();
            enriched.stop();
        }
        double intakeRate = LEADS / intakeSeconds;
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        String report = String.format(Locale.ROOT, """
                        INTAKE CACHE THROUGHPUT BENCHMARK %s, %d cores, Java %s
                        | what | N | leads/s | ratio to raw produce |
                        |---|---:|---:|---:|
                        | raw broker produce (idempotent, acks=all) to leads.raw, %d partitions | %,d records (%,d bytes) | %,.0f | 1.00 |
                        | intake, exactly_once_v2, throttle off, 50%% served from the cache: start() until %,d new leads are in the outbox and %,d cache hits on leads.enriched | %,d in | %,.0f | %.3f |
                        fill (cold JVM): %,d people to the outbox and their enrichments into the cache in %.1f s
                        cache hits counted by intake: %.0f, held: %.0f; raw produce %.2f s, intake %.2f s; load average %.2f before, %.2f after
                        """, LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), PARTITIONS, LEADS, mixed.bytes(), rawRate, half, half, LEADS,
                intakeRate, intakeRate / rawRate, half, fillSeconds, served, held, produceSeconds, intakeSeconds,
                loadBefore, loadAfter);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("intake-cache-throughput.md"), report);

        assertThat(outbox.count()).as("outbox: the filled people once, the new people once").isEqualTo(2L * half);
        assertThat(outbox.distinctKeys()).isEqualTo(2 * half);
        assertThat(enriched.count()).as("leads.enriched: Clay's records, then one cache hit per repeat")
                .isEqualTo(2L * half);
        assertThat(served).isEqualTo(half);
        assertThat(held).isZero();
        assertThat(IntakeLoad.endOffset(kafka, Topics.LEADS_DLQ)).isZero();
    }

    /** Alternating: a new person, then a cached one in another spelling. */
    private static Batch mixed(SchemaRegistryServer registry, int half) {
        List<byte[]> keys = new ArrayList<>(2 * half);
        List<byte[]> values = new ArrayList<>(2 * half);
        long bytes = 0;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < half; i++) {
                for (Lead lead : List.of(IntakeLoad.person(NEW_FROM + i, false),
                        IntakeLoad.person(CACHED_FROM + i, true))) {
                    keys.add(lead.getSourceId().getBytes(StandardCharsets.UTF_8));
                    byte[] value = serializer.serialize(Topics.LEADS_RAW, lead);
                    bytes += value.length;
                    values.add(value);
                }
            }
        }
        return new Batch(keys, values, half, bytes);
    }

    /** What the gateway writes for Clay's callbacks of the filled people. */
    private static void produceEnrichments(KafkaBroker kafka, SchemaRegistryServer registry, int count) {
        LeadNormalizer normalizer = LeadNormalizer.defaults();
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps())) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < count; i++) {
                Lead lead = normalizer.normalize(IntakeLoad.person(CACHED_FROM + i, false));
                EnrichedLead record = EnrichedLead.newBuilder().setLeadId(lead.getLeadId()).setEmail(lead.getEmail())
                        .setFirstName(lead.getFirstName()).setLastName(lead.getLastName())
                        .setCompanyDomain(lead.getCompanyDomain()).setTitle(lead.getTitle())
                        .setSource(lead.getSource()).setSourceId(lead.getSourceId())
                        .setOccurredAt(lead.getOccurredAt()).setAttributes(lead.getAttributes())
                        .setWorkEmail(lead.getEmail()).setIcpScore(i % 101).setSeniority("director")
                        .setEnrichment(Map.of("employee_count", "120")).setEnrichedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.LEADS_ENRICHED,
                        lead.getLeadId().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(Topics.LEADS_ENRICHED, record)));
            }
            producer.flush();
        }
    }

    private static double metric(KafkaStreams streams, String name) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
            if (entry.getKey().group().equals("stream-clayflow-intake-metrics") && entry.getKey().name().equals(name)) {
                sum += ((Number) entry.getValue().metricValue()).doubleValue();
            }
        }
        return sum;
    }
}
