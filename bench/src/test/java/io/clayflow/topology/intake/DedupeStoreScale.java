package io.clayflow.topology.intake;

import io.clayflow.schemas.Lead;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;

/**
 * The dedupe store alone at scale: N distinct lead ids through the intake's own {@link DedupeProcessor} and its
 * changelogged RocksDB window store ({@link IntakeTopology#dedupeStore}) in a TopologyTestDriver, then the first
 * 1,000 again, which must all be dropped as duplicates. Meant for a JVM of its own with a small heap
 * ({@code -Xmx512m}): the store lives in RocksDB off the heap. Prints {@code RESULT key=value} lines (heap, RocksDB
 * memory, disk, time) for the bench suite, and exits non-zero if a count is wrong.
 *
 * <p>In this package (in the bench module's tests) because the processor and the store builder are package-private.
 */
public final class DedupeStoreScale {

    private static final String APP_ID = "bench-dedupe-store";
    private static final String INPUT = "bench-dedupe-in";
    private static final String CHANGELOG = APP_ID + "-" + IntakeTopology.DEDUPE_STORE + "-changelog";
    private static final int REPEATS = 1_000;
    private static final int DRAIN_EVERY = 50_000;
    /** Every key is accepted at a distinct millisecond inside one hour, far inside the 30-day TTL. */
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private DedupeStoreScale() {
    }

    public static void main(String[] args) throws IOException {
        long keys = Long.parseLong(args[0]);
        Path stateDir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory(APP_ID);
        Duration ttl = Duration.ofDays(30);
        Lead lead = Lead.newBuilder().setSource("bench").setSourceId("p").setOccurredAt(START).build();
        AtomicLong forwarded = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(IntakeTopology.dedupeStore(ttl));
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues(value -> lead) // the processor never reads the lead: only its key and timestamp matter
                .process(() -> new DedupeProcessor(IntakeTopology.DEDUPE_STORE, ttl), IntakeTopology.DEDUPE_STORE)
                .foreach((key, value) -> forwarded.incrementAndGet());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        long changelogRecords = 0;
        long peakHeap;
        long start = System.nanoTime();
        double seconds;
        String footprint;
        long disk;
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, START)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(INPUT, new StringSerializer(),
                    new ByteArraySerializer(), START, Duration.ZERO);
            // The driver keeps every produced record (the changelog) until it is read: read it as it grows.
            TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(CHANGELOG,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            byte[] empty = new byte[0];
            for (long i = 0; i < keys; i++) {
                input.pipeInput(leadId(i), empty, START.plusMillis(i % 3_600_000L));
                if (i % DRAIN_EVERY == DRAIN_EVERY - 1) {
                    changelogRecords += drain(changelog);
                }
                if (i % 1_000_000 == 999_999) {
                    System.out.printf(Locale.ROOT, "PROGRESS keys=%d seconds=%.1f heapUsedMb=%d%n", i + 1,
                            (System.nanoTime() - start) / 1e9, usedHeap() >> 20);
                }
            }
            long accepted = forwarded.get();
            for (long i = 0; i < Math.min(REPEATS, keys); i++) {
                input.pipeInput(leadId(i), empty, START.plusMillis(3_600_000L));
            }
            changelogRecords += drain(changelog);
            seconds = (System.nanoTime() - start) / 1e9;
            Map<MetricName, ?> metrics = driver.metrics();
            footprint = rocksDbMemory(metrics);
            peakHeap = peakHeap();
            disk = diskBytes(stateDir); // before close: the driver deletes its state dir when it closes
            check(accepted == keys, "accepted " + accepted + " of " + keys + " distinct keys");
            check(forwarded.get() == keys, (forwarded.get() - keys) + " repeated keys were not dropped");
            check(changelogRecords == keys, "changelog records " + changelogRecords + ", expected " + keys);
        }
        System.gc();
        System.out.printf(Locale.ROOT, "RESULT keys=%d%n", keys);
        System.out.printf(Locale.ROOT, "RESULT seconds=%.1f%n", seconds);
        System.out.printf(Locale.ROOT, "RESULT keysPerSecond=%.0f%n", keys / seconds);
        System.out.printf(Locale.ROOT, "RESULT maxHeapMb=%d%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "RESULT peakHeapUsedMb=%d%n", peakHeap >> 20);
        System.out.printf(Locale.ROOT, "RESULT heapUsedAfterGcMb=%d%n", usedHeap() >> 20);
        System.out.printf(Locale.ROOT, "RESULT %s%n", footprint);
        System.out.printf(Locale.ROOT, "RESULT diskBytes=%d%n", disk);
        System.out.printf(Locale.ROOT, "RESULT changelogRecords=%d%n", changelogRecords);
    }

    /** A lead id as the intake makes them: a UUID string. */
    private static String leadId(long i) {
        return new UUID(0x5eed_0000_0000_0000L | i, i * 0x9E37_79B9_7F4A_7C15L).toString();
    }

    private static long drain(TestOutputTopic<byte[], byte[]> changelog) {
        long count = 0;
        while (!changelog.isEmpty()) {
            changelog.readRecord();
            count++;
        }
        return count;
    }

    /** RocksDB memory by the store's property metrics (memtables, block cache, table readers), summed. */
    private static String rocksDbMemory(Map<MetricName, ?> metrics) {
        double memtables = 0;
        double cache = 0;
        double readers = 0;
        for (Map.Entry<MetricName, ?> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (!name.tags().containsValue(IntakeTopology.DEDUPE_STORE)) {
                continue;
            }
            Object value = ((org.apache.kafka.common.Metric) entry.getValue()).metricValue();
            if (value instanceof Number number) {
                switch (name.name()) {
                    case "size-all-mem-tables" -> memtables += number.doubleValue();
                    case "block-cache-usage" -> cache += number.doubleValue();
                    case "estimate-table-readers-mem" -> readers += number.doubleValue();
                    default -> { }
                }
            }
        }
        return String.format(Locale.ROOT, "rocksDbMemtablesBytes=%.0f%nRESULT rocksDbBlockCacheBytes=%.0f%n"
                + "RESULT rocksDbTableReadersBytes=%.0f", memtables, cache, readers);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            System.out.println("FAILED " + failure);
            System.exit(1);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
