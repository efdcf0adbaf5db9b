package io.clayflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.DedupeStoreScale;
import io.clayflow.testsupport.ChildJvm;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite in one run on one real broker (the in-JVM KRaft broker and Apicurio from test-support): the
 * broker's own produce and consume rates with Kafka's perf tools as the reference, intake throughput and end-to-end
 * latency, routing throughput, the gateway at fixed rates, serde encode/decode with JMH, and dedupe at scale (through
 * the intake app, and the store alone in a 512 MB JVM). Writes {@code target/benchmarks.md}. Run only with
 * {@code -Pbenchmark}; {@code -Dbench.only=broker,intake,...} runs some pieces only (see bench/README.md).
 */
@ClayflowIntegrationTest
class BenchSuiteBenchmark {

    /** The pieces, in the order they run. */
    static final List<String> PIECES = List.of("broker", "serde", "intake", "latency", "routing", "gateway", "dedupe",
            "dedupe-store");

    private static final Set<String> ONLY = Arrays.stream(System.getProperty("bench.only", "all").split(","))
            .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    private static final int PARTITIONS = Integer.getInteger("bench.partitions", 4);
    private static final int PERF_RECORDS = Integer.getInteger("bench.perf.records", 1_000_000);
    private static final int LEADS = Integer.getInteger("bench.leads", 200_000);
    private static final int WARMUP_LEADS = Integer.getInteger("bench.warmup.leads", LEADS);
    private static final int LATENCY_RATE = Integer.getInteger("bench.latency.rate", 500);
    private static final int LATENCY_SECONDS = Integer.getInteger("bench.latency.seconds", 20);
    private static final List<Integer> GATEWAY_RATES = Arrays.stream(
            System.getProperty("bench.gateway.rates", "500,1000").split(",")).map(String::trim)
            .map(Integer::valueOf).toList();
    private static final int GATEWAY_SECONDS = Integer.getInteger("bench.gateway.seconds", 20);
    private static final int GATEWAY_OPEN_SECONDS = Integer.getInteger("bench.gateway.open.seconds", 60);
    private static final int GATEWAY_WARMUP_SECONDS = Integer.getInteger("bench.gateway.warmup.seconds", 10);
    private static final int JMH_ITERATIONS = Integer.getInteger("bench.jmh.iterations", 5);
    private static final int JMH_SECONDS = Integer.getInteger("bench.jmh.seconds", 2);
    private static final int DEDUPE_LEADS = Integer.getInteger("bench.dedupe.leads", 1_000_000);
    private static final long STORE_KEYS = Long.getLong("bench.dedupe.store.keys", 10_000_000L);
    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(Long.getLong("bench.dedupe.store.minutes", 120));

    private final ResultsTable table = new ResultsTable();

    @Test
    void suite(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        assertThat(PIECES).as("pieces in -Dbench.only").containsAll(ONLY.stream()
                .filter(name -> !name.equals("all")).toList());
        kafka.createTopic(io.clayflow.schemas.Topics.LEADS_DLQ, 1);
        Path out = Path.of("target", "benchmarks.md");
        try {
            IntakeBench intake = new IntakeBench(kafka, registry, PARTITIONS);
            try (intake) {
                if (runs("broker")) {
                    broker(kafka, intake.averageLeadBytes());
                }
                if (runs("serde")) {
                    serde(registry);
                }
                if (runs("intake")) {
                    intake(intake);
                }
                if (runs("latency")) {
                    latency(intake);
                }
                if (runs("routing")) {
                    routing(kafka, registry);
                }
                if (runs("gateway")) {
                    gateway(kafka, registry);
                }
                if (runs("dedupe")) {
                    dedupe(intake);
                }
                assertThat(intake.outboxDistinctKeys()).as("distinct lead ids in the outbox")
                        .isEqualTo(intake.outboxRecords());
                assertThat(intake.deadLetters()).as("dead letters").isZero();
            }
            if (runs("dedupe-store")) {
                dedupeStore();
            }
        } finally {
            table.write(out);
            System.out.println(table.markdown());
        }
        assertThat(Files.readString(out)).contains("| what |");
    }

    private static boolean runs(String piece) {
        return ONLY.contains("all") || ONLY.contains(piece);
    }

    private static String only(String piece, String knobs) {
        return "-Dbench.only=" + piece + (knobs.isEmpty() ? "" : " " + knobs);
    }

    private void broker(KafkaBroker kafka, int recordSize) throws Exception {
        String topic = "bench-perf";
        kafka.createTopic(topic, PARTITIONS);
        BrokerPerfTools tools = new BrokerPerfTools(kafka.bootstrapServers());
        BrokerPerfTools.ProduceResult produced = tools.produce(topic, PERF_RECORDS, recordSize);
        BrokerPerfTools.ConsumeResult consumed = tools.consume(topic, PERF_RECORDS);
        assertThat(produced.records()).as("ProducerPerformance records").isEqualTo(PERF_RECORDS);
        assertThat(consumed.records()).as("ConsumerPerformance records").isEqualTo(PERF_RECORDS);
        table.reference(produced.recordsPerSecond());
        String knobs = "-Dbench.perf.records=" + PERF_RECORDS;
        table.rate("**broker produce** (ProducerPerformance, acks=all, idempotent, " + recordSize
                        + " B records = a serialized lead, " + PARTITIONS + " partitions): the reference",
                String.format(Locale.ROOT, "%,d", produced.records()), produced.recordsPerSecond(), "records/s",
                String.format(Locale.ROOT, "%.1f MB/s; send→ack p50/p99/p99.9 %d/%d/%d ms", produced.mbPerSecond(),
                        produced.p50Ms(), produced.p99Ms(), produced.p999Ms()), only("broker", knobs));
        table.rate("broker consume (ConsumerPerformance, one consumer, group join included)",
                String.format(Locale.ROOT, "%,d", consumed.records()), consumed.recordsPerSecond(), "records/s",
                String.format(Locale.ROOT, "%.1f MB/s; fetching only: %,.0f records/s", consumed.mbPerSecond(),
                        consumed.fetchRecordsPerSecond()), only("broker", knobs));
    }

    private void serde(SchemaRegistryServer registry) throws Exception {
        Map<String, SerdeJmhRunner.Score> scores = new SerdeJmhRunner(registry.url(), JMH_ITERATIONS, JMH_SECONDS)
                .run();
        assertThat(scores).containsOnlyKeys("encodeLead", "decodeLead", "encodeEnrichedLead", "decodeEnrichedLead");
        String knobs = "-Dbench.jmh.iterations=" + JMH_ITERATIONS + " -Dbench.jmh.seconds=" + JMH_SECONDS;
        Map<String, String> labels = new HashMap<>(Map.of(
                "encodeLead", "serde encode Lead (JMH, Confluent wire format, schema id cached)",
                "decodeLead", "serde decode Lead (JMH, specific reader, writer schema cached)",
                "encodeEnrichedLead", "serde encode EnrichedLead (JMH)",
                "decodeEnrichedLead", "serde decode EnrichedLead (JMH)"));
        for (String method : List.of("encodeLead", "decodeLead", "encodeEnrichedLead", "decodeEnrichedLead")) {
            SerdeJmhRunner.Score score = scores.get(method);
            assertThat(score.opsPerSecond()).as(method).isPositive();
            table.figure(labels.get(method), JMH_ITERATIONS + " × " + JMH_SECONDS + " s, 1 thread",
                    String.format(Locale.ROOT, "%,.0f ops/s", score.opsPerSecond()),
                    String.format(Locale.ROOT, "± %,.0f (99.9%%)", score.error()), only("serde", knobs));
        }
    }

    private void intake(IntakeBench intake) throws Exception {
        IntakeBench.Throughput cold = intake.throughput(WARMUP_LEADS);
        IntakeBench.Throughput warm = intake.throughput(LEADS);
        String knobs = "-Dbench.leads=" + LEADS + " -Dbench.warmup.leads=" + WARMUP_LEADS;
        table.rate("**intake** throughput (exactly_once_v2, throttle off, backlog, warm JVM): start() → every unique "
                        + "lead in the outbox", String.format(Locale.ROOT, "%,d in, %,d unique", warm.in(),
                        warm.unique()), warm.leadsPerSecond(), "leads/s",
                String.format(Locale.ROOT, "same bytes raw-produced by the suite: %,.0f records/s",
                        warm.in() / warm.produceSeconds()), only("intake", knobs));
        table.rate("intake throughput, first (cold JVM) pass", String.format(Locale.ROOT, "%,d in, %,d unique",
                cold.in(), cold.unique()), cold.leadsPerSecond(), "leads/s", "", only("intake", knobs));
    }

    private void latency(IntakeBench intake) throws Exception {
        IntakeBench.Latency latency = intake.latency(LATENCY_RATE, LATENCY_SECONDS);
        assertThat(latency.p50()).isPositive();
        table.figure("**intake end-to-end latency** at a fixed rate: produce send → read_committed in the outbox "
                        + "(EOS commit interval 100 ms)", String.format(Locale.ROOT, "%,d leads at %,d/s",
                        latency.leads(), latency.rate()),
                String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", latency.p50(), latency.p99()),
                String.format(Locale.ROOT, "max %.1f ms", latency.max()),
                only("latency", "-Dbench.latency.rate=" + LATENCY_RATE + " -Dbench.latency.seconds="
                        + LATENCY_SECONDS));
    }

    private void routing(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        try (RoutingBench routing = new RoutingBench(kafka, registry, PARTITIONS)) {
            RoutingBench.Result cold = routing.run(WARMUP_LEADS);
            RoutingBench.Result warm = routing.run(LEADS);
            assertThat(routing.warehouseRecords()).as("warehouse route records")
                    .isEqualTo(WARMUP_LEADS + LEADS);
            assertThat(routing.warehouseDistinct()).as("distinct lead ids on the warehouse route")
                    .isEqualTo(WARMUP_LEADS + LEADS);
            String knobs = "-Dbench.leads=" + LEADS + " -Dbench.warmup.leads=" + WARMUP_LEADS;
            table.rate("**routing** throughput (leads.enriched → routes, exactly_once_v2, default rules, backlog, warm "
                            + "JVM): start() → every lead on the warehouse route", String.format(Locale.ROOT,
                            "%,d in, %,d routed records", warm.leads(), warm.routedRecords()),
                    warm.leadsPerSecond(), "leads/s", String.format(Locale.ROOT,
                            "same bytes raw-produced by the suite: %,.0f records/s",
                            warm.leads() / warm.produceSeconds()), only("routing", knobs));
            table.rate("routing throughput, first (cold JVM) pass", String.format(Locale.ROOT, "%,d in", cold.leads()),
                    cold.leadsPerSecond(), "leads/s", "", only("routing", knobs));
        }
    }

    private void gateway(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        try (GatewayBench gateway = new GatewayBench(kafka, registry, PARTITIONS)) {
            long answered = 0;
            if (GATEWAY_OPEN_SECONDS > 0) {
                GatewayBench.Result open = gateway.run(0, Duration.ofSeconds(GATEWAY_WARMUP_SECONDS),
                        Duration.ofSeconds(GATEWAY_OPEN_SECONDS));
                assertThat(open.failed()).as("non-200 answers under open load").isZero();
                answered += open.ok();
                table.rate(String.format(Locale.ROOT, "**gateway** callbacks/s sustained, open load (acks=all, %d "
                                + "clients as fast as they are answered, each callback a new lead_id)",
                                GatewayBench.OPEN_CONCURRENCY),
                        String.format(Locale.ROOT, "%,d answered 200 in %d s", open.ok(), GATEWAY_OPEN_SECONDS),
                        open.callbacksPerSecond(), "callbacks/s",
                        String.format(Locale.ROOT, "p50 / p99 / p99.9 / max: %.1f / %.1f / %.1f / %.1f ms",
                                open.p50(), open.p99(), open.p999(), open.max()),
                        only("gateway", "-Dbench.gateway.open.seconds=" + GATEWAY_OPEN_SECONDS));
            }
            for (int rate : GATEWAY_RATES) {
                GatewayBench.Result result = gateway.run(rate, Duration.ofSeconds(GATEWAY_WARMUP_SECONDS),
                        Duration.ofSeconds(GATEWAY_SECONDS));
                assertThat(result.failed()).as("non-200 answers at %d/s", rate).isZero();
                answered += result.ok();
                // A fixed offered rate: no ratio to the broker's rate, the question is whether the gateway keeps up.
                table.figure(String.format(Locale.ROOT, "**gateway** callbacks at a fixed %,d/s (acks=all, 256 in "
                                + "flight max; latency from the scheduled start)", rate),
                        String.format(Locale.ROOT, "%,d answered 200", result.ok()),
                        String.format(Locale.ROOT, "%,.0f callbacks/s", result.callbacksPerSecond()),
                        String.format(Locale.ROOT, "p50 / p99 / p99.9 / max: %.1f / %.1f / %.1f / %.1f ms",
                                result.p50(), result.p99(), result.p999(), result.max()),
                        only("gateway", "-Dbench.gateway.rates=" + rate + " -Dbench.gateway.seconds="
                                + GATEWAY_SECONDS));
            }
            long warmups = gateway.recordsOnTopic() - answered;
            assertThat(warmups).as("records on the topic beyond the measured callbacks (the warm-ups)")
                    .isPositive();
        }
    }

    private void dedupe(IntakeBench intake) throws Exception {
        IntakeBench.DedupeScale scale = intake.dedupeScale(DEDUPE_LEADS);
        table.rate(String.format(Locale.ROOT, "**dedupe at scale**: %,d distinct leads through the intake app "
                        + "(start() → all in the outbox)", scale.leads()),
                String.format(Locale.ROOT, "%,d people in the store", scale.keysInStore()),
                scale.leads() / scale.seconds(), "leads/s", "dedupe store: " + scale.footprint().describe(),
                only("dedupe", "-Dbench.dedupe.leads=" + DEDUPE_LEADS));
    }

    private void dedupeStore() throws Exception {
        Path stateDir = Files.createTempDirectory("bench-dedupe-store");
        String output = ChildJvm.run(DedupeStoreScale.class.getName(),
                List.of(Long.toString(STORE_KEYS), stateDir.toString()), List.of("-Xmx512m"), STORE_TIMEOUT);
        Map<String, String> result = output.lines().filter(line -> line.startsWith("RESULT "))
                .map(line -> line.substring("RESULT ".length()).split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        assertThat(result).as("results of the 10 M-key run:\n%s", output).containsKeys("keys", "seconds",
                "heapUsedAfterGcMb", "diskBytes");
        assertThat(Long.parseLong(result.get("keys"))).isEqualTo(STORE_KEYS);
        assertThat(Long.parseLong(result.get("maxHeapMb"))).isLessThanOrEqualTo(512);
        double rocksDb = Double.parseDouble(result.get("rocksDbMemtablesBytes"))
                + Double.parseDouble(result.get("rocksDbBlockCacheBytes"))
                + Double.parseDouble(result.get("rocksDbTableReadersBytes"));
        table.figure(String.format(Locale.ROOT, "**dedupe store alone**: %,d distinct lead ids through "
                        + "DedupeProcessor and its RocksDB window store (changelog off, a commit every 10,000; child "
                        + "JVM -Xmx512m), then 1,000 repeats all dropped", STORE_KEYS),
                String.format(Locale.ROOT, "%,d keys", STORE_KEYS),
                String.format(Locale.ROOT, "%,.0f keys/s", Double.parseDouble(result.get("keysPerSecond"))),
                String.format(Locale.ROOT,
                        "completed in %s s; heap peak %s MB, after GC %s MB (max 512); RocksDB memory %s; disk %s",
                        result.get("seconds"), result.get("peakHeapUsedMb"), result.get("heapUsedAfterGcMb"),
                        StoreFootprint.mb((long) rocksDb), StoreFootprint.mb(Long.parseLong(result.get("diskBytes")))),
                only("dedupe-store", "-Dbench.dedupe.store.keys=" + STORE_KEYS));
    }
}
