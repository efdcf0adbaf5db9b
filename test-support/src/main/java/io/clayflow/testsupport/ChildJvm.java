package io.clayflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A {@code main} on the test's classpath (Failsafe's, which sets {@code java.class.path} to it) in a JVM of its own,
 * its output appended to a log file: a part a test can kill as abruptly as the kernel would (SIGKILL, no shutdown
 * hook, no close), or a tool whose output a test reads once it exited ({@link #run}).
 */
public final class ChildJvm {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(45);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args} in {@code dir} (its log {@code <dir>/<name>.log}) with
     * {@code jvmOptions}. Environment variables the apps read ({@code CLAYFLOW_*}) are removed, so only what the test
     * wrote configures them.
     */
    public static ChildJvm start(String name, String mainClass, List<String> args, Path dir, List<String> jvmOptions)
            throws IOException {
        Objects.requireNonNull(mainClass, "mainClass");
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("CLAYFLOW_"));
        Process process = builder.start();
        LOG.info("Started {} ({}), pid {}, log {}", name, mainClass, process.pid(), log.toAbsolutePath());
        return new ChildJvm(name, process, log);
    }

    /**
     * Runs {@code mainClass} to its end in a temporary directory and returns what it printed (stdout and stderr
     * interleaved); fails with the end of that output if it exits non-zero or overruns {@code timeout}.
     */
    public static String run(String mainClass, List<String> args, List<String> jvmOptions, Duration timeout)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("child-jvm");
        ChildJvm jvm = start("run", mainClass, args, dir, jvmOptions);
        try {
            if (!jvm.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                jvm.destroyIfAlive();
                throw new AssertionError(mainClass + " did not finish in " + timeout + ". " + jvm.describe());
            }
            if (jvm.process.exitValue() != 0) {
                throw new AssertionError(mainClass + " failed. " + jvm.describe());
            }
            return jvm.logText();
        } finally {
            Files.deleteIfExists(jvm.log);
            Files.deleteIfExists(dir);
        }
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, open transactions and unflushed offsets stay as they were. The exit code. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        int exit = awaitExit();
        LOG.info("Killed {} (pid {}): exit {}", name, process.pid(), exit);
        return exit;
    }

    /**
     * Sends a signal with the {@code kill} command: {@code STOP} freezes the process as it stands (open transactions
     * stay open, nothing is flushed), {@code CONT} lets it go on.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
        }
    }

    /** SIGTERM: the app's shutdown hook runs. The exit code. */
    public int stop() throws InterruptedException {
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
    public void destroyIfAlive() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Everything the process printed so far. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Its state and the last lines of its log, for a failure message. */
    public String describe() {
        List<String> lines;
        try {
            lines = logText().lines().toList();
        } catch (UncheckedIOException e) {
            lines = List.of("(" + e.getMessage() + ")");
        }
        return name + " (pid " + process.pid() + ") is "
                + (process.isAlive() ? "running" : "gone with exit code " + process.exitValue())
                + "; last lines of " + log.toAbsolutePath() + ":\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
