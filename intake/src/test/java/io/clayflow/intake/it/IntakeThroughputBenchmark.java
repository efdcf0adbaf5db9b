package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.intake.it.IntakeLoad.Batch;
import io.clayflow.intake.it.IntakeLoad.OutboxCounter;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake throughput with the throttle and budget off, on the in-JVM real broker, exactly-once on, next to the
 * broker's own produce rate measured in the same run. Not an IT: Failsafe runs it only with {@code -Pbenchmark}
 * (see docs/benchmarks.md for the command and the results).
 *
 * <ol>
 *   <li><b>Warm-up</b> (default 200,000 other leads, as many as the measured run): produced and taken through
 *       one intake instance, which is then closed cleanly (leaving the group). A fresh JVM spends its first tens of
 *       seconds JIT-compiling the broker, the clients and the app on the same 2 cores; a production intake is a
 *       long-running process. The cold figures of this pass are reported too.</li>
 *   <li>N leads (default 200,000; every 10th is a copy of an earlier person in another spelling) are serialized to
 *       Avro (registry, Confluent wire format) before anything is timed.</li>
 *   <li><b>Raw produce rate</b>: the bytes are produced to {@code leads.raw} with an idempotent, {@code acks=all}
 *       producer ({@code linger.ms=10}, {@code batch.size=256 KiB}, no compression), timed from the first send to
 *       the last ack.</li>
 *   <li><b>Intake rate</b>: the same intake app (same {@code application.id} and state dir: a restart), with
 *       {@code exactly_once_v2}, the throttle at 1,000,000/s with a burst of 1,000,000 and the budget off, starts on
 *       that backlog; timed from {@code start()} until a read_committed consumer has counted every unique lead in
 *       {@code leads.clay.outbox}.</li>
 * </ol>
 * It fails if the outbox does not hold exactly the unique leads, once each, or if anything was dead-lettered.
 *
 * <p>Knobs (system properties, passed through by Failsafe): {@code benchmark.leads}, {@code benchmark.partitions}
 * (of {@code leads.raw}, default 4), {@code benchmark.warmup.leads}, and {@code benchmark.intake.<key>} to set any
 * intake key, e.g.
 * {@code -Dbenchmark.intake.streams.num.stream.threads=1}.
 */
@ClayflowIntegrationTest
class IntakeThroughputBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeThroughputBenchmark.class);

    private static final int LEADS = Integer.getInteger("benchmark.leads", 200_000);
    private static final int PARTITIONS = Integer.getInteger("benchmark.partitions", 4);
    private static final int WARMUP_LEADS = Integer.getInteger("benchmark.warmup.leads", 200_000);
    private static final String APP_ID = "intake-benchmark";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Test
    void intakeThroughputWithTheThrottleOff(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        kafka.createTopic(Topics.LEADS_RAW, PARTITIONS);
        kafka.createTopic(Topics.LEADS_ENRICHED, PARTITIONS);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, PARTITIONS);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        IntakeConfig config = IntakeLoad.throughputConfig(kafka, registry, APP_ID);
        Map<String, String> tuned = new TreeMap<>();
        config.originalsStrings().forEach((key, value) -> {
            if (key.startsWith("streams.") || key.startsWith("throttle.") || key.startsWith("budget.")) {
                tuned.put(key, value);
            }
        });
        OutboxCounter counter = new OutboxCounter(kafka, PARTITIONS);
        counter.start();

        // 0. Warm-up: a fresh JVM spends its first tens of seconds compiling (C2 competes for the same 2 cores), and
        //    a production intake is a long-running process. WARMUP_LEADS other people go through the whole path
        //    once (produce, intake, outbox); the app is then closed cleanly and restarted below on the real backlog.
        Batch warmup = IntakeLoad.batch(registry, WARMUP_LEADS, 10_000_000, true);
        double warmupProduceRate = WARMUP_LEADS / IntakeLoad.produce(kafka, warmup);
        long warmupStart = System.nanoTime();
        double coldSeconds;
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(config);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties())) {
            streams.start();
            coldSeconds = (counter.waitFor(warmup.unique(), TIMEOUT) - warmupStart) / 1e9;
            // Leave the group: Kafka Streams otherwise stays a member until its session times out (45 s), and the
            // restart below would wait for that before it gets its tasks.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(60)));
        }

        // 1. Serialize everything first: neither timed phase pays for Avro on the producer side.
        Batch batch = IntakeLoad.batch(registry, LEADS, 0, true);
        int unique = batch.unique();
        long bytes = batch.bytes();

        // 2. The broker's own produce rate for the same bytes, into leads.raw.
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double produceSeconds = IntakeLoad.produce(kafka, batch);
        double rawRate = LEADS / produceSeconds;

        // 3. Intake on that backlog: the same app (same application.id and state dir) started again.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, Long> cpuBefore;
        long processCpuBefore;
        long gcBefore;
        long jitBefore;
        double intakeSeconds;
        double firstOutboxSeconds;
        Map<String, Long> cpuAfter;
        long processCpuAfter;
        long gcAfter;
        long jitAfter;
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(config);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties())) {
            cpuBefore = threadCpu(threads);
            processCpuBefore = os.getProcessCpuTime();
            gcBefore = gcMillis();
            jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long intakeStart = System.nanoTime();
            streams.start();
            long first = counter.waitFor(warmup.unique() + 1, TIMEOUT);
            long intakeEnd = counter.waitFor(warmup.unique() + unique, TIMEOUT);
            processCpuAfter = os.getProcessCpuTime();
            cpuAfter = threadCpu(threads);
            gcAfter = gcMillis();
            jitAfter = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            intakeSeconds = (intakeEnd - intakeStart) / 1e9;
            firstOutboxSeconds = (first - intakeStart) / 1e9;
            // Nothing more may come: every lead already arrived once; give a late duplicate time to show.
            Thread.sleep(3_000);
            streams.close(Duration.ofSeconds(60));
        } finally {
            counter.stop();
        }
        long dlqEnd = IntakeLoad.endOffset(kafka, Topics.LEADS_DLQ);

        double intakeRate = unique / intakeSeconds;
        double drainRate = unique / (intakeSeconds - firstOutboxSeconds);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        double cores = (processCpuAfter - processCpuBefore) / 1e9 / intakeSeconds;
        String table = String.format(Locale.ROOT, """
                        | what | N | leads/s | ratio to raw produce |
                        |---|---:|---:|---:|
                        | raw broker produce (idempotent, acks=all) to leads.raw, %d partitions | %,d records (%,d bytes) | %,.0f | 1.00 |
                        | intake, exactly_once_v2, throttle off: start() until every unique lead is in the outbox | %,d in (%,d unique out) | %,.0f | %.3f |
                        | intake, from the first lead in the outbox to the last | %,d unique | %,.0f | %.3f |
                        | (cold JVM) warm-up pass: raw produce | %,d records | %,.0f | |
                        | (cold JVM) warm-up pass: intake, start() to all in the outbox | %,d in (%,d unique out) | %,.0f | %.3f |
                        """, PARTITIONS, LEADS, bytes, rawRate, LEADS, unique, intakeRate, intakeRate / rawRate,
                unique, drainRate, drainRate / rawRate, WARMUP_LEADS, warmupProduceRate, WARMUP_LEADS, warmup.unique(),
                warmup.unique() / coldSeconds, warmup.unique() / coldSeconds / warmupProduceRate);
        StringBuilder report = new StringBuilder();
        report.append("INTAKE THROUGHPUT BENCHMARK ").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append('\n').append(table)
                .append(String.format(Locale.ROOT, "raw produce %.2f s; intake %.2f s (first outbox record after "
                                + "%.2f s); test JVM CPU during intake %.2f cores of %d; load average %.2f before, "
                                + "%.2f after%n", produceSeconds, intakeSeconds, firstOutboxSeconds, cores,
                        Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter))
                .append(String.format(Locale.ROOT, "during intake: GC %.2f s, JIT compilation %.2f s%n",
                        (gcAfter - gcBefore) / 1e3, (jitAfter - jitBefore) / 1e3))
                .append("intake settings: ").append(tuned).append('\n')
                .append("CPU during intake by thread group (s): ").append(cpuByGroup(cpuBefore, cpuAfter)).append('\n')
                .append("top threads (s): ").append(topThreads(cpuBefore, cpuAfter, 12)).append('\n');
        LOG.info("\n{}", report);
        System.out.println(report);
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        Files.writeString(out.resolve("intake-throughput.md"), report.toString());

        assertThat(counter.count()).as("outbox records").isEqualTo(warmup.unique() + unique);
        assertThat(counter.distinctKeys()).as("distinct lead_ids in the outbox").isEqualTo(warmup.unique() + unique);
        assertThat(dlqEnd).as("records (and transaction markers) in the DLQ").isZero();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    private static Map<String, Long> threadCpu(ThreadMXBean threads) {
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long time = threads.getThreadCpuTime(info.getThreadId());
                if (time > 0) {
                    cpu.merge(info.getThreadName() + "#" + info.getThreadId(), time, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static Map<String, Double> deltas(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> deltas = new HashMap<>();
        after.forEach((thread, time) -> deltas.put(thread, (time - before.getOrDefault(thread, 0L)) / 1e9));
        return deltas;
    }

    private static String topThreads(Map<String, Long> before, Map<String, Long> after, int limit) {
        Map<String, String> top = new LinkedHashMap<>();
        deltas(before, after).entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit).forEach(e -> top.put(e.getKey(), String.format(Locale.ROOT, "%.2f", e.getValue())));
        return top.toString();
    }

    private static String cpuByGroup(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Double> groups = new TreeMap<>();
        deltas(before, after).forEach((thread, seconds) -> groups.merge(group(thread), seconds, Double::sum));
        Map<String, String> out = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), String.format(Locale.ROOT, "%.2f", e.getValue())));
        return out.toString();
    }

    private static String group(String thread) {
        if (thread.contains("kafka-producer-network-thread") && thread.contains(APP_ID)) {
            return "intake producer I/O";
        }
        if (thread.startsWith(APP_ID) && thread.contains("StreamThread")) {
            return "intake stream threads";
        }
        if (thread.contains(APP_ID)) {
            return "intake other (state updater, heartbeat, admin)";
        }
        if (thread.startsWith("outbox-counter") || thread.contains("consumer-benchmark")) {
            return "benchmark outbox counter";
        }
        if (thread.contains("kafka-producer-network-thread") || thread.contains("kafka-admin-client")) {
            return "other clients";
        }
        if (thread.startsWith("GC") || thread.contains("G1") || thread.contains("Compiler")
                || thread.startsWith("C1") || thread.startsWith("C2") || thread.contains("VM")) {
            return "JVM (GC, JIT)";
        }
        return "broker (in the same JVM)";
    }
}
