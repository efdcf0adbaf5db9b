package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The dedupe store alone at scale: N distinct lead ids through the intake's own {@link DedupeProcessor} and its
 * RocksDB window store ({@link IntakeTopology#dedupeStore}, same retention and segments), then the first 1,000 again,
 * which must all be dropped as duplicates. The processor runs in Kafka Streams' {@code MockProcessorContext}, the store
 * committed every {@value #COMMIT_EVERY} records as a stream task commits: a TopologyTestDriver commits the task
 * after every record, which made it about 7 times slower than this, nothing like the app. The changelog is off here
 * (the mock context has no producer to send it to); the app's changelog is measured by the suite's {@code dedupe}
 * piece on the broker.
 *
 * <p>Meant for a JVM of its own with a small heap ({@code -Xmx512m}): the store lives in RocksDB off the heap. Prints
 * {@code RESULT key=value} lines (heap, RocksDB memory, disk, time) for the bench suite, and exits non-zero if a count
 * is wrong. In this package (in the bench module's tests) because the processor and the store builder are
 * package-private.
 */
public final class DedupeStoreScale {

    private static final String APP_ID = "bench-dedupe-store";
    private static final int REPEATS = 1_000;
    private static final int COMMIT_EVERY = 10_000;
    /** Every key is accepted at a distinct millisecond inside one hour, far inside the 30-day TTL. */
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    private DedupeStoreScale() {
    }

    public static void main(String[] args) throws IOException {
        long keys = Long.parseLong(args[0]);
        Path stateDir = Files.createDirectories(args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory(APP_ID));
        Duration ttl = Duration.ofDays(30);
        Lead lead = Lead.newBuilder().setSource("bench").setSourceId("p").setOccurredAt(START).build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, PersonEvent> context = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.toFile());
        // The dedupe task's stores (the enrichment cache and held touches stay empty: cache.policy=drop).
        EnrichmentCacheSettings drop = EnrichmentCacheSettings.drop(ttl);
        List<StateStore> stores = new ArrayList<>();
        for (StoreBuilder<?> builder : DedupeStores.DEFAULT.builders(ttl, drop)) {
            StateStore built = builder.withLoggingDisabled().build();
            built.init(context.getStateStoreContext(), built);
            context.addStateStore(built);
            stores.add(built);
        }
        StateStore store = stores.get(0);
        DedupeProcessor processor = new DedupeProcessor(DedupeStores.DEFAULT, ttl, drop);
        processor.init(context);
        long accepted = 0;
        long start = System.nanoTime();
        for (long i = 0; i < keys; i++) {
            long timestamp = START.toEpochMilli() + i % 3_600_000L;
            context.setCurrentStreamTimeMs(timestamp);
            processor.process(new Record<>(leadId(i), new PersonEvent.Touch(lead), timestamp));
            if (i % COMMIT_EVERY == COMMIT_EVERY - 1) {
                accepted += forwarded(context);
                store.commit(Map.of());
            }
            if (i % 1_000_000 == 999_999) {
                System.out.printf(Locale.ROOT, "PROGRESS keys=%d seconds=%.1f heapUsedMb=%d%n", i + 1,
                        (System.nanoTime() - start) / 1e9, usedHeap() >> 20);
            }
        }
        accepted += forwarded(context);
        long repeatsForwarded = 0;
        for (long i = 0; i < Math.min(REPEATS, keys); i++) {
            processor.process(new Record<>(leadId(i), new PersonEvent.Touch(lead), START.toEpochMilli() + 3_600_000L));
        }
        repeatsForwarded += forwarded(context);
        store.commit(Map.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        String footprint = rocksDbMemory(context.metrics().metrics());
        long peakHeap = peakHeap();
        long disk = diskBytes(stateDir);
        processor.close();
        stores.forEach(StateStore::close);
        check(accepted == keys, "accepted " + accepted + " of " + keys + " distinct keys");
        check(repeatsForwarded == 0, repeatsForwarded + " repeated keys were not dropped");
        System.gc();
        System.out.printf(Locale.ROOT, "RESULT keys=%d%n", keys);
        System.out.printf(Locale.ROOT, "RESULT seconds=%.1f%n", seconds);
        System.out.printf(Locale.ROOT, "RESULT keysPerSecond=%.0f%n", keys / seconds);
        System.out.printf(Locale.ROOT, "RESULT maxHeapMb=%d%n", Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "RESULT peakHeapUsedMb=%d%n", peakHeap >> 20);
        System.out.printf(Locale.ROOT, "RESULT heapUsedAfterGcMb=%d%n", usedHeap() >> 20);
        System.out.printf(Locale.ROOT, "RESULT %s%n", footprint);
        System.out.printf(Locale.ROOT, "RESULT diskBytes=%d%n", disk);
    }

    private static long forwarded(MockProcessorContext<String, PersonEvent> context) {
        long count = context.forwarded().size();
        context.resetForwards();
        return count;
    }

    /** A lead id as the intake makes them: a UUID string. */
    private static String leadId(long i) {
        return new UUID(0x5eed_0000_0000_0000L | i, i * 0x9E37_79B9_7F4A_7C15L).toString();
    }

    /** RocksDB memory by the store's property metrics (memtables, block cache, table readers), summed. */
    private static String rocksDbMemory(Map<MetricName, ? extends Metric> metrics) {
        double memtables = 0;
        double cache = 0;
        double readers = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (!name.tags().containsValue(StateStores.Intake.DEDUPE)) {
                continue;
            }
            Object value = entry.getValue().metricValue();
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
