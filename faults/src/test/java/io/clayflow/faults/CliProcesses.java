package io.clayflow.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The packaged {@code clayflow} CLI run as a user runs it: {@code java -jar clayflow-cli.jar <command>}. */
final class CliProcesses {

    private final Path jar;
    private final Path dir;
    private final String bootstrap;
    private final String registry;

    CliProcesses(Path jar, Path dir, String bootstrap, String registry) {
        this.jar = Objects.requireNonNull(jar, "jar");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Where round {@code round}'s {@code up} prints (a file: a pipe's reader can lose the last lines at exit). */
    Path upOutput(int round) {
        return dir.resolve("up-" + round + ".txt");
    }

    /** {@code up} with its live status screen refreshed every second, on {@code ports}, in {@code dataDir}. */
    Process up(Map<String, Integer> ports, Path dataDir, int round) throws IOException {
        List<String> args = new ArrayList<>(List.of("up", "--refresh", "1s", "--data-dir", dataDir.toString()));
        ports.forEach((key, port) -> {
            args.add("-S");
            args.add(key + "=" + port);
        });
        return start(args, upOutput(round));
    }

    private Process start(List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("CLAYFLOW_"));
        return builder.start();
    }

    /** {@code clayflow status} run again and again, one after the other, until closed. */
    StatusLoop statusLoop() {
        return new StatusLoop();
    }

    /** A thread running {@code status} in a loop; counts the runs that exited 0. */
    final class StatusLoop implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger succeeded = new AtomicInteger();
        private final Thread thread;
        private volatile Process current;

        StatusLoop() {
            thread = new Thread(this::loop, "status-loop");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                try {
                    current = start(List.of("status", "--bootstrap-servers", bootstrap, "--schema-registry-url",
                            registry, "--timeout", "5s"), dir.resolve("status.txt"));
                    if (current.waitFor(30, TimeUnit.SECONDS) && current.exitValue() == 0) {
                        succeeded.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot run clayflow status", e);
                } catch (InterruptedException e) {
                    return;
                } finally {
                    if (current != null) {
                        current.destroyForcibly();
                    }
                }
            }
        }

        int succeeded() {
            return succeeded.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(40));
            Process last = current;
            if (last != null) {
                last.destroyForcibly();
            }
        }
    }
}
