package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clayflow up} as a user runs it: the packaged CLI jar in a process of its own (its live screen writing to a
 * file, not a terminal), on free ports in a temporary data directory. Once it says it is ready, {@code clayflow demo}
 * feeds it and the status counters show the leads through every stage; then SIGTERM stops every part within 30 s, and
 * no process is left behind.
 */
@Tag("integration")
class UpCommandIT {

    private static final Pattern SENT = Pattern.compile("Sent (\\d+) leads to leads.raw: (\\d+) unique valid");
    private static final Pattern READY = Pattern.compile("Ready ([0-9.]+) s after the JVM started");
    private static final List<String> PORT_KEYS = List.of("kafka.port", "kafka.controller.port", "registry.port",
            "registry.management.port", "connect.port", "gateway.port", "gateway.management.port", "simulator.port",
            "hubspot.port", "outreach.port", "intake.metrics.port", "routing.metrics.port", "ledger.metrics.port");
    /** The Clay ledger's line in `clayflow status` once it has seen the demo's rows: none overdue, none open. */
    private static final Pattern NONE_OVERDUE = Pattern.compile(
            "Clay callbacks\\s+0\\s+overdue, table default: 0 awaiting a callback; 0 late");

    /** The HubSpot source's line in `clayflow status`: its lag, the change time it read up to, its last search. */
    private static final Pattern CRM_LAG = Pattern.compile("lag hubspot-source\\s+\\d+ (?:s|min)  read up to "
            + "(\\S+Z), last search (\\d+) s ago");

    @Test
    void upRunsThePipelineUntilSigtermThenStopsEveryPartAndLeavesNoProcess(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Path jar = Path.of(System.getProperty("clayflow.cli.jar", "target/clayflow-cli.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged CLI (mvn package)").exists();
        List<Integer> ports = UpProcess.freePorts(PORT_KEYS.size());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "up", "--refresh", "1s", "--data-dir", dataDir.toString()));
        for (int i = 0; i < PORT_KEYS.size(); i++) {
            command.add("-S");
            command.add(PORT_KEYS.get(i) + "=" + ports.get(i));
        }
        String bootstrap = "127.0.0.1:" + ports.get(0);
        String registry = "http://127.0.0.1:" + ports.get(2) + "/apis/ccompat/v7";

        // To a file rather than a pipe: a pipe's reader can lose the last lines when the process exits.
        Path outputFile = dir.resolve("up-output.txt");
        Process up = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        try {
            try {
                await("up says it is ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                        .failFast("up exited", () -> !up.isAlive())
                        .until(() -> READY.matcher(Files.readString(outputFile)).find());
            } catch (RuntimeException e) {
                throw new AssertionError("up did not get ready; it printed:\n" + Files.readString(outputFile), e);
            }
            System.out.println(Files.readString(outputFile));
            assertThat(Files.readString(outputFile)).contains("connect", "clay-simulator", bootstrap)
                    .contains("http://127.0.0.1:" + ports.get(10) + "/metrics", "http://127.0.0.1:" + ports.get(11)
                            + "/metrics")
                    .doesNotContain(secrets(dataDir));

            CliRun demo = CliRun.run("demo", "--leads", "200", "--duplicates", "0.2", "--bootstrap-servers", bootstrap,
                    "--schema-registry-url", registry, "--timeout", "30s");
            assertThat(demo.exitCode()).as(demo.err()).isZero();
            Matcher sent = SENT.matcher(demo.out());
            assertThat(sent.find()).as(demo.out()).isTrue();
            long unique = Long.parseLong(sent.group(2));

            ClusterSettings cluster = new ClusterSettings(bootstrap, registry, Map.of(), Duration.ofSeconds(10));
            try (StatusCollector collector = new StatusCollector(cluster, StatusCollector.Options.defaults(),
                    Clock.systemUTC())) {
                // Clay's own pace (10 rows/s) applies here: about 16 s for 160 people. Each person goes to Clay
                // once; every valid touch is enriched, a repeat from intake's cache once its person's row came back.
                PipelineStatus status = await("every stage counted").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1)).until(collector::collect,
                                s -> s.raw() != null && s.invalid() != null && s.enriched() != null
                                        && s.enriched() >= s.raw() - s.invalid()
                                        && s.routed().getOrDefault("warehouse", 0L) >= s.raw() - s.invalid());
                long valid = status.raw() - status.invalid();
                assertThat(status.raw()).isEqualTo(200);
                assertThat(status.released()).isEqualTo(unique);
                assertThat(status.enriched()).isEqualTo(valid);
                assertThat(status.routed()).containsEntry("warehouse", valid);
                assertThat(status.webhookSubmissions().values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(unique);
            }
            // Every row Clay took was called back: the ledger shows none overdue and none waiting.
            CliRun clayStatus = await("the Clay ledger's figures in status").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> CliRun.run("status", "--bootstrap-servers",
                            bootstrap, "--schema-registry-url", registry, "--connect-url", "http://127.0.0.1:"
                                    + ports.get(4)), run -> NONE_OVERDUE.matcher(run.out()).find());
            System.out.println(clayStatus.out());

            // The CRM source in status with its lag: contacts created in the HubSpot fake become its offset.
            CliRun crm = CliRun.run("demo", "--crm", "--leads", "3", "--duplicates", "0", "--invalid", "0",
                    "--hubspot-url", "http://127.0.0.1:" + ports.get(8));
            assertThat(crm.exitCode()).as(crm.err()).isZero();
            long begin = System.nanoTime();
            CliRun crmStatus = await("the CRM source's lag in status").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(2)).until(() -> CliRun.run("status", "--bootstrap-servers",
                            bootstrap, "--schema-registry-url", registry, "--connect-url", "http://127.0.0.1:"
                                    + ports.get(4)), run -> CRM_LAG.matcher(run.out()).find());
            Matcher lag = CRM_LAG.matcher(crmStatus.out());
            assertThat(lag.find()).isTrue();
            assertThat(Long.parseLong(lag.group(2))).as("last search, s ago (poll.interval.ms is 2 s)")
                    .isLessThanOrEqualTo(30);
            assertThat(Instant.parse(lag.group(1))).as("read up to: a change of the demo's contacts")
                    .isAfter(Instant.now().minus(Duration.ofMinutes(5))).isBefore(Instant.now());
            System.out.printf("CRM source lag in status after %.1f s: %s%n", (System.nanoTime() - begin) / 1e9,
                    lag.group());

            List<ProcessHandle> children = up.descendants().toList();
            assertThat(children).as("the registry runs as a child process").isNotEmpty();
            begin = System.nanoTime();
            up.destroy(); // SIGTERM
            assertThat(up.waitFor(30, TimeUnit.SECONDS)).as("up exited within 30 s of SIGTERM").isTrue();
            System.out.printf("up stopped %.1f s after SIGTERM%n", (System.nanoTime() - begin) / 1e9);
            assertThat(children).as("processes up started").noneMatch(ProcessHandle::isAlive);
            assertThat(Files.readString(outputFile)).contains("Stopping the clayflow stack", "Stopped every part in")
                    .as("the live screen on a file: counters as lines, no clear-screen escape")
                    .contains("clayflow status").doesNotContain("\u001b");
            for (int port : ports) {
                assertThat(UpProcess.canBind(port)).as("port " + port + " free again").isTrue();
            }
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    /** The generated tokens: none of them may appear in what up prints. */
    private static String[] secrets(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("secrets.properties")).stream()
                .filter(line -> !line.startsWith("#") && line.contains("="))
                .map(line -> line.substring(line.indexOf('=') + 1)).toArray(String[]::new);
    }
}
