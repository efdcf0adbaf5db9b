package io.clayflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A state store's footprint: its RocksDB memory by Kafka Streams' RocksDB property metrics (memtables, block cache,
 * index and filter blocks; summed over the store's segments and tasks) and its bytes on disk under the state dir.
 */
record StoreFootprint(Map<String, Double> rocksDb, long diskBytes) {

    /** The RocksDB metrics the footprint adds up, by Kafka Streams' names. */
    private static final String[] MEMORY_METRICS = {
        "size-all-mem-tables", "block-cache-usage", "estimate-table-readers-mem"};

    static StoreFootprint of(String storeName, Map<MetricName, ? extends Metric> metrics, Path stateDir) {
        Map<String, Double> sums = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (name.tags().containsValue(storeName) && metric.metricValue() instanceof Number value
                    && (isMemory(name.name()) || name.name().equals("total-sst-files-size")
                        || name.name().equals("estimate-num-keys"))) {
                sums.merge(name.name(), value.doubleValue(), Double::sum);
            }
        });
        return new StoreFootprint(sums, diskBytes(stateDir, storeName));
    }

    /** Memtables + block cache + table readers, or -1 if the metrics were not there. */
    long memoryBytes() {
        if (rocksDb.keySet().stream().noneMatch(StoreFootprint::isMemory)) {
            return -1;
        }
        double sum = 0;
        for (String metric : MEMORY_METRICS) {
            sum += rocksDb.getOrDefault(metric, 0.0);
        }
        return (long) sum;
    }

    String describe() {
        return String.format(Locale.ROOT, "RocksDB memory %s (memtables %s, block cache %s, readers %s), disk %s",
                mb(memoryBytes()), mb(rocksDb.getOrDefault("size-all-mem-tables", -1.0).longValue()),
                mb(rocksDb.getOrDefault("block-cache-usage", -1.0).longValue()),
                mb(rocksDb.getOrDefault("estimate-table-readers-mem", -1.0).longValue()), mb(diskBytes));
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Bytes of every file under a directory of the state dir named after the store (each segment is one). */
    static long diskBytes(Path stateDir, String storeName) {
        if (!Files.isDirectory(stateDir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            return files.filter(Files::isRegularFile).filter(file -> file.toString().contains(storeName))
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // a file RocksDB removed while we walked: no longer on disk
                        }
                    }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isMemory(String metric) {
        for (String name : MEMORY_METRICS) {
            if (name.equals(metric)) {
                return true;
            }
        }
        return false;
    }
}
