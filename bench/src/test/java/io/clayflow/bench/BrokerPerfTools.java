package io.clayflow.bench;

import io.clayflow.testsupport.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's own produce and consume rates, measured with Kafka's perf tools ({@code ProducerPerformance},
 * {@code ConsumerPerformance} from {@code kafka-tools}), each in a JVM of its own against the suite's broker: their
 * {@code main} exits the JVM on a bad argument, and their clients should not share the suite's heap and JIT.
 */
final class BrokerPerfTools {

    private static final Pattern PRODUCER_TOTAL = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private final String bootstrapServers;
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    BrokerPerfTools(String bootstrapServers) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /** What ProducerPerformance printed as its total. */
    record ProduceResult(long records, double recordsPerSecond, double mbPerSecond, long p50Ms, long p99Ms,
                         long p999Ms) {
    }

    /** What ConsumerPerformance printed: over the whole run, and over fetching only (the group join left out). */
    record ConsumeResult(long records, double recordsPerSecond, double mbPerSecond, double fetchRecordsPerSecond) {
    }

    /**
     * {@code records} records of {@code recordSize} bytes to {@code topic}, unthrottled, idempotent, acks=all,
     * with the same batching as the suite's own raw produce (linger 10 ms, 256 KiB batches, no compression).
     */
    ProduceResult produce(String topic, long records, int recordSize) throws IOException, InterruptedException {
        String out = ChildJvm.run("org.apache.kafka.tools.ProducerPerformance", List.of(
                "--topic", topic, "--num-records", Long.toString(records), "--record-size",
                Integer.toString(recordSize), "--throughput", "-1", "--bootstrap-server", bootstrapServers,
                "--producer-props", "acks=all", "enable.idempotence=true", "linger.ms=10", "batch.size=262144",
                "buffer.memory=134217728", "compression.type=none"), List.of("-Xmx512m"), TIMEOUT);
        Matcher total = PRODUCER_TOTAL.matcher(out);
        if (!total.find()) {
            throw new AssertionError("ProducerPerformance printed no total:\n" + out);
        }
        return new ProduceResult(Long.parseLong(total.group(1)), Double.parseDouble(total.group(2)),
                Double.parseDouble(total.group(3)), Long.parseLong(total.group(6)), Long.parseLong(total.group(8)),
                Long.parseLong(total.group(9)));
    }

    /** Reads {@code records} records of {@code topic} from the beginning, in a consumer group of its own. */
    ConsumeResult consume(String topic, long records) throws IOException, InterruptedException {
        String out = ChildJvm.run("org.apache.kafka.tools.ConsumerPerformance", List.of(
                "--topic", topic, "--num-records", Long.toString(records), "--bootstrap-server", bootstrapServers,
                "--group", "bench-consumer-perf", "--timeout", "120000"), List.of("-Xmx512m"), TIMEOUT);
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
        // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        for (String line : out.split("\\R")) {
            String[] fields = line.split(",\\s*");
            if (fields.length == 10 && fields[4].matches("\\d+")) {
                return new ConsumeResult(Long.parseLong(fields[4]), Double.parseDouble(fields[5]),
                        Double.parseDouble(fields[3]), Double.parseDouble(fields[9]));
            }
        }
        throw new AssertionError("ConsumerPerformance printed no result line:\n" + out);
    }
}
