package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.schemas.Topics;
import io.clayflow.stack.StackConfig;
import io.clayflow.testsupport.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C ends {@code clayflow up}, every time: the packaged CLI's {@code up} in a process of its own (its live status
 * screen reading the pipeline every second), new leads flowing to Clay and {@code clayflow status} run again and
 * again from outside, then SIGTERM, {@value #ROUNDS_DEFAULT} times in a row on the same data directory. Every run
 * must exit within 30 s and leave no process behind (the registry's child process included) and every port free.
 */
@Tag("fault")
class UpStopFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(UpStopFaultIT.class);
    static final int ROUNDS_DEFAULT = 20;
    private static final int ROUNDS = Integer.getInteger("faults.up.rounds", ROUNDS_DEFAULT);
    private static final int PEOPLE_PER_ROUND = 100;
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("Ready ([0-9.]+) s after the JVM started");

    @Test
    void sigtermEndsUpWithinThirtySecondsEveryTimeWhileLeadsFlowAndStatusIsRead() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "up-stop")), "run-");
        Path jar = Path.of(System.getProperty("clayflow.cli.jar", "../cli/target/clayflow-cli.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged CLI (mvn package -pl cli -am)").exists();
        Map<String, Integer> ports = freePorts(StackConfig.PORT_KEYS);
        String bootstrap = "127.0.0.1:" + ports.get(StackConfig.KAFKA_PORT);
        String registry = "http://127.0.0.1:" + ports.get(StackConfig.REGISTRY_PORT) + "/apis/ccompat/v7";
        CliProcesses cli = new CliProcesses(jar, dir, bootstrap, registry);
        List<Double> stopSeconds = new ArrayList<>();
        KafkaBroker upsBroker = new ExternalBroker(bootstrap);
        LeadFeeder feeder = null;
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                Process up = cli.up(ports, dir.resolve("data"), round);
                try {
                    awaitReady(up, cli.upOutput(round));
                    if (feeder == null) {
                        feeder = new LeadFeeder(upsBroker, registry, "up-stop");
                    }
                    long enrichedBefore = enriched(bootstrap);
                    feeder.write(PEOPLE_PER_ROUND, 0, 0);
                    try (CliProcesses.StatusLoop status = cli.statusLoop()) {
                        await("round " + round + ": leads reach leads.enriched while up runs")
                                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                                .failFast("up exited", () -> !up.isAlive())
                                .until(() -> enriched(bootstrap) > enrichedBefore);
                        await("round " + round + ": status read at least once").atMost(Duration.ofSeconds(60))
                                .until(() -> status.succeeded() > 0);
                        List<ProcessHandle> children = up.descendants().toList();
                        assertThat(children).as("the registry runs as a child of up").isNotEmpty();

                        double seconds = sigterm(up, cli.upOutput(round));
                        stopSeconds.add(seconds);
                        LOG.info("Round {}: up exited {} s after SIGTERM ({} enriched before, status read {} times)",
                                round, String.format(Locale.ROOT, "%.1f", seconds), enrichedBefore,
                                status.succeeded());
                        assertThat(seconds).as("round %d: seconds from SIGTERM to exit", round)
                                .isLessThanOrEqualTo(EXIT_BOUND.toSeconds());
                        assertThat(children).as("round %d: processes up started", round)
                                .noneMatch(ProcessHandle::isAlive);
                        assertThat(Files.readString(cli.upOutput(round))).as("round %d: up's last words", round)
                                .contains("Stopped every part in");
                    }
                    for (Map.Entry<String, Integer> port : ports.entrySet()) {
                        await("round " + round + ": " + port.getKey() + " free again").atMost(Duration.ofSeconds(10))
                                .until(() -> canBind(port.getValue()));
                    }
                } finally {
                    up.descendants().forEach(ProcessHandle::destroyForcibly);
                    up.destroyForcibly();
                }
            }
        } finally {
            if (feeder != null) {
                feeder.close();
            }
            Report.append("up SIGTERM", String.format(Locale.ROOT, "%d rounds, seconds from SIGTERM to exit: min %.1f, "
                    + "median %.1f, max %.1f (%s)", stopSeconds.size(), min(stopSeconds), median(stopSeconds),
                    max(stopSeconds), stopSeconds));
        }
        assertThat(stopSeconds).hasSize(ROUNDS);
    }

    private static void awaitReady(Process up, Path output) throws IOException {
        try {
            await("up says it is ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                    .failFast("up exited", () -> !up.isAlive())
                    .until(() -> READY.matcher(Files.readString(output)).find());
        } catch (RuntimeException e) {
            throw new AssertionError("up did not get ready; it printed:\n" + Files.readString(output), e);
        }
    }

    /**
     * SIGTERM, then the seconds until the process is gone. One that is still there after twice the bound is dumped
     * (its threads say what it waits for) into the failure message, then killed.
     */
    private static double sigterm(Process up, Path output) throws Exception {
        long begin = System.nanoTime();
        up.destroy();
        if (!up.waitFor(EXIT_BOUND.toSeconds() * 2, TimeUnit.SECONDS)) {
            String threads = threadDump(up.pid());
            throw new AssertionError("up (pid " + up.pid() + ") still runs " + EXIT_BOUND.toSeconds() * 2
                    + " s after SIGTERM. It printed:\n" + Files.readString(output) + "\nIts threads:\n" + threads);
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private static String threadDump(long pid) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes());
        dump.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    /** Records on {@code leads.enriched} (committed ones: the end offsets a read_committed consumer sees). */
    private static long enriched(String bootstrap) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEADS_ENRICHED).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * A free port per key, below the kernel's ephemeral range (32768+), so that none is handed to one of the stack's
     * own outgoing connections before the part that listens on it starts.
     */
    private static Map<String, Integer> freePorts(List<String> keys) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        while (ports.size() < keys.size()) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (!ports.containsValue(port) && canBind(port)) {
                ports.put(keys.get(ports.size()), port);
            }
        }
        return ports;
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    /** The broker {@code up} runs, for {@link LeadFeeder}: the test neither starts nor stops it. */
    private record ExternalBroker(String bootstrapServers) implements KafkaBroker {

        @Override
        public void close() {
        }
    }
}
