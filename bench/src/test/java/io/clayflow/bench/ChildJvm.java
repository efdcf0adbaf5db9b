package io.clayflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own on this JVM's classpath (Failsafe's, which sets {@code java.class.path} to the
 * test classpath) and returns what it printed; fails with that output if it exits non-zero or overruns its timeout.
 */
final class ChildJvm {

    private final List<String> jvmOptions;
    private final Duration timeout;

    ChildJvm(List<String> jvmOptions, Duration timeout) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The stdout and stderr of {@code mainClass args}, interleaved, once it exited 0. */
    String run(String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path output = Files.createTempFile("bench-child", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(mainClass + " did not finish in " + timeout + ":\n" + tail(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(mainClass + " exited " + process.exitValue() + ":\n" + tail(output));
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
