package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.config.SharedKeys;
import io.clayflow.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a reader types it: the lines of the blocks marked {@code <!-- quickstart -->} in
 * README.md and stack/README.md, each through {@code bash -c} from the repository root, with every default (ports,
 * registry URL). {@code ./clayflow up} runs in the background (its data in a temporary directory, through the
 * documented {@code CLAYFLOW_STACK_DATA_DIR}, so a reader's {@code ./data} is left alone); every other line must exit
 * 0, and the demo's unique valid leads must reach {@code leads.route.warehouse}. It uses the default ports: it fails,
 * saying which, where another stack holds them.
 */
@Tag("integration")
class ReadmeQuickStartIT {

    private static final Pattern UP = Pattern.compile("^\\./clayflow up(\\s.*)?$");
    private static final Pattern SENT = Pattern.compile("Sent (\\d+) leads to leads.raw: (\\d+) unique valid");
    private static final Pattern READY = Pattern.compile("Ready ([0-9.]+) s after the JVM started");

    @Test
    void theQuickStartLinesRunAsWrittenAndTheDemosLeadsReachTheWarehouseRoute(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("clayflow.repo.root", "..")).toAbsolutePath().normalize();
        List<String> lines = new ArrayList<>(QuickStartLines.of(root.resolve("README.md")));
        lines.addAll(QuickStartLines.of(root.resolve("stack").resolve("README.md")));
        long begin = System.nanoTime();
        assertThat(lines).as("the quick start starts the stack, then feeds and reads it").anyMatch(this::startsUp)
                .anyMatch(line -> line.startsWith("./clayflow demo"));
        markTheCliBuilt(root);

        Path upOutput = dir.resolve("up.txt");
        Process up = null;
        try {
            List<String> results = new ArrayList<>();
            long unique = 0;
            int demos = 0;
            for (String line : lines) {
                if (startsUp(line)) {
                    if (up == null) {
                        up = bash(root, line, dir).redirectOutput(upOutput.toFile()).start();
                        awaitReady(up, upOutput);
                    }
                    continue;
                }
                Path output = dir.resolve("line-" + results.size() + ".txt");
                Process process = bash(root, line, dir).redirectOutput(output.toFile()).start();
                assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("`%s` finished", line).isTrue();
                String printed = Files.readString(output);
                results.add(line + " -> " + process.exitValue());
                assertThat(process.exitValue()).as("`%s` exit code; it printed:%n%s", line, printed).isZero();
                Matcher sent = SENT.matcher(printed);
                if (line.startsWith("./clayflow demo")) {
                    assertThat(sent.find()).as("the demo says how many unique valid leads it sent:%n%s", printed)
                            .isTrue();
                    // Each demo run draws new people (a new seed each time).
                    unique += Long.parseLong(sent.group(2));
                    demos++;
                }
            }
            assertThat(demos).as("demo runs").isPositive();
            long expected = unique;
            // Clay's own pace (10 rows/s) applies: about 40 s for 400 people.
            await("the demo's unique valid leads on " + Topics.LEADS_ROUTE_WAREHOUSE).atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> warehouseRouteKeys().size() >= expected);
            assertThat(warehouseRouteKeys()).hasSize((int) expected);
            System.out.printf("Quick start: %s; %d unique valid leads on the warehouse route %.0f s after the start%n",
                    results, expected, (System.nanoTime() - begin) / 1e9);
        } finally {
            if (up != null) {
                stop(up, upOutput);
            }
        }
    }

    private boolean startsUp(String line) {
        return UP.matcher(line.replaceAll("\\s+#.*$", "").trim()).matches();
    }

    /**
     * The quick start's `./clayflow` builds the CLI when its jar is older than a source; this test runs after
     * Maven's package step built it from these sources, which is that build.
     */
    private static void markTheCliBuilt(Path root) throws IOException {
        Path jar = root.resolve("cli").resolve("target").resolve("clayflow-cli.jar");
        assertThat(jar).as("the CLI packaged by this build").exists();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
    }

    /** A line as a reader runs it: bash, the repository root, no clayflow settings but the data directory. */
    private static ProcessBuilder bash(Path root, String line, Path dir) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("CLAYFLOW_"));
        builder.environment().put("CLAYFLOW_STACK_DATA_DIR", dir.resolve("data").toString());
        return builder;
    }

    private static void awaitReady(Process up, Path output) throws IOException {
        try {
            await("./clayflow up says it is ready").atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                    .failFast("./clayflow up exited", () -> !up.isAlive())
                    .until(() -> READY.matcher(Files.readString(output)).find());
        } catch (RuntimeException e) {
            throw new AssertionError("./clayflow up did not get ready; it printed:\n" + Files.readString(output), e);
        }
        assertThat(Files.readString(output)).as("up's hint needs no flags at the defaults")
                .contains("Try, in another terminal: ./clayflow demo --leads 500 --duplicates 0.2\n");
    }

    /** The distinct lead ids on the warehouse route, read as the CLI's defaults reach it (committed records). */
    private static Set<String> warehouseRouteKeys() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedKeys.DEFAULT_BOOTSTRAP_SERVERS, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEADS_ROUTE_WAREHOUSE).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + Topics.LEADS_ROUTE_WAREHOUSE + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    /** SIGTERM to the CLI's JVM (bash may or may not have exec'd it), as Ctrl-C in the reader's terminal. */
    private static void stop(Process up, Path output) throws Exception {
        List<ProcessHandle> children = up.descendants().toList();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(up.toHandle()), children.stream())
                .filter(process -> process.info().commandLine().orElse("").contains("clayflow-cli.jar"))
                .forEach(ProcessHandle::destroy);
        boolean exited = up.waitFor(30, TimeUnit.SECONDS);
        up.descendants().forEach(ProcessHandle::destroyForcibly);
        up.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(exited).as("./clayflow up exited within 30 s of SIGTERM; it printed:%n%s", Files.readString(output))
                .isTrue();
    }
}
