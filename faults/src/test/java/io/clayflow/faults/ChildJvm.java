package io.clayflow.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of the pipeline in a JVM of its own (a {@code main} on the test's class path, its output appended to a log
 * file), so a test can kill it as abruptly as the kernel would: SIGKILL, no shutdown hook, no close.
 */
final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(45);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code dir}; {@code heap} like {@code 256m}. Environment variables
     * the apps read ({@code CLAYFLOW_*}) are removed so only the files the test wrote configure them.
     */
    static ChildJvm start(String name, String mainClass, List<String> args, Path dir, Path logConfig, String heap)
            throws IOException {
        Objects.requireNonNull(mainClass, "mainClass");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + logConfig,
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("CLAYFLOW_"));
        Process process = builder.start();
        LOG.info("Started {} ({}), pid {}, log {}", name, mainClass, process.pid(), log.toAbsolutePath());
        return new ChildJvm(name, process, log);
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, open transactions and unflushed offsets stay as they were. The exit code. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        int exit = awaitExit();
        LOG.info("Killed {} (pid {}): exit {}", name, process.pid(), exit);
        return exit;
    }

    /**
     * Sends a signal with the {@code kill} command: {@code STOP} freezes the process as it stands (open transactions
     * stay open, nothing is flushed), {@code CONT} lets it go on.
     */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
        }
    }

    /** SIGTERM: the app's shutdown hook runs. The exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    private int awaitExit() throws InterruptedException {
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit within " + EXIT_TIMEOUT + ". " + describe());
        }
        return process.exitValue();
    }

    /** Kills the process if it still runs (clean-up after a failed test). */
    void destroyIfAlive() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Its state and the last lines of its log, for a failure message. */
    String describe() {
        List<String> lines = logText().lines().toList();
        return name + " (pid " + process.pid() + ") is "
                + (process.isAlive() ? "running" : "gone with exit code " + process.exitValue())
                + "; last lines of " + log.toAbsolutePath() + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
