package io.clayflow.cli.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code clayflow up} as a user runs it: the packaged CLI jar in a process of its own, on free ports (below the
 * kernel's ephemeral range, so none is taken by the stack's own outgoing connections) in a data directory of the
 * test's. Closing it stops it and whatever it started.
 */
final class UpProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Ready ([0-9.]+) s after the JVM started");
    private static final List<String> PORT_KEYS = List.of("kafka.port", "kafka.controller.port", "registry.port",
            "registry.management.port", "connect.port", "gateway.port", "gateway.management.port", "simulator.port",
            "hubspot.port", "outreach.port", "intake.metrics.port", "routing.metrics.port");

    private final Process process;
    private final Path output;
    private final Path dataDir;
    private final List<Integer> ports;

    private UpProcess(Process process, Path output, Path dataDir, List<Integer> ports) {
        this.process = process;
        this.output = output;
        this.dataDir = dataDir;
        this.ports = ports;
    }

    /** Starts {@code up --no-status} in {@code dir} and waits until it says it is ready. */
    static UpProcess startIn(Path dir) throws IOException {
        Path jar = Path.of(System.getProperty("clayflow.cli.jar", "target/clayflow-cli.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The packaged CLI is missing at " + jar + " (mvn package)");
        }
        Path dataDir = dir.resolve("data");
        List<Integer> ports = freePorts(PORT_KEYS.size());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "up", "--no-status", "--data-dir", dataDir.toString()));
        for (int i = 0; i < PORT_KEYS.size(); i++) {
            command.add("-S");
            command.add(PORT_KEYS.get(i) + "=" + ports.get(i));
        }
        // To a file rather than a pipe: a pipe's reader can lose the last lines when the process exits.
        Path output = dir.resolve("up-output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        UpProcess up = new UpProcess(process, output, dataDir, ports);
        try {
            await("up says it is ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .failFast("up exited", () -> !process.isAlive())
                    .until(() -> READY.matcher(Files.readString(output)).find());
        } catch (RuntimeException e) {
            String printed = Files.readString(output);
            up.close();
            throw new AssertionError("up did not get ready; it printed:\n" + printed, e);
        }
        return up;
    }

    Path dataDir() {
        return dataDir;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port("kafka.port");
    }

    String registryUrl() {
        return "http://127.0.0.1:" + port("registry.port") + "/apis/ccompat/v7";
    }

    String connectUrl() {
        return "http://127.0.0.1:" + port("connect.port");
    }

    private int port(String key) {
        return ports.get(PORT_KEYS.indexOf(key));
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Free ports below the kernel's ephemeral range (32768+), so that none is handed to one of the stack's own
     * outgoing connections before the part that listens on it starts.
     */
    static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (!ports.contains(port) && canBind(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
