package io.clayflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry, started as a child process of the test JVM, serving the Confluent-compatible API that
 * clayflow's serdes use.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** The content type of the Confluent schema registry API. */
    public static final String CONFLUENT_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ApicurioDistribution distribution;
    private final List<String> command;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private SchemaRegistryServer(ApicurioDistribution distribution, List<String> command, Process process, int port,
            Path logFile, Thread shutdownHook) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
        this.command = List.copyOf(command);
        this.process = Objects.requireNonNull(process, "process");
        this.port = port;
        this.logFile = Objects.requireNonNull(logFile, "logFile");
        this.shutdownHook = Objects.requireNonNull(shutdownHook, "shutdownHook");
    }

    /**
     * Starts the registry build this machine can run (see {@code test-support/README.md}), waits until it answers and
     * sets its global compatibility to BACKWARD, as clayflow's schemas evolve.
     */
    public static SchemaRegistryServer start() {
        return start(ApicurioDistribution.choose(System::getProperty, System::getenv, JavaRuntime.current(),
                ApicurioDistribution.JVM_DIRECTORY));
    }

    static SchemaRegistryServer start(ApicurioDistribution distribution) {
        Objects.requireNonNull(distribution, "distribution");
        long startedAt = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            SchemaRegistryServer server = launch(distribution);
            try {
                server.awaitReady();
                server.setGlobalCompatibility("BACKWARD");
                LOG.info("Started {} at {} in {} ms (log: {})", distribution, server.url(),
                        Duration.ofNanos(System.nanoTime() - startedAt).toMillis(), server.logFile);
                return server;
            } catch (RuntimeException e) {
                server.close();
                // Another process can take the free port between our probe and the registry's bind; try new ports.
                if (attempt < START_ATTEMPTS && server.logMentionsPortInUse()) {
                    LOG.warn("{} could not bind port {}: retrying on another port", distribution, server.port);
                    continue;
                }
                throw e;
            }
        }
    }

    private static SchemaRegistryServer launch(ApicurioDistribution distribution) {
        int port = FreePort.find();
        Path logFile = logDirectory().resolve("apicurio-" + port + ".log");
        List<String> command = distribution.command(port, FreePort.find());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(distribution.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + distribution + ": " + String.join(" ", command), e);
        }
        // JUnit closes the server at the end of the suite; the hook covers a JVM that exits any other way.
        Thread hook = new Thread(() -> stop(process), "apicurio-registry-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SchemaRegistryServer(distribution, command, process, port, logFile, hook);
    }

    private static Path logDirectory() {
        Path target = Path.of("target");
        try {
            return Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target.toAbsolutePath(), e);
        }
    }

    /** The Confluent-compatible API base, e.g. {@code http://127.0.0.1:41234/apis/ccompat/v7}. */
    public String url() {
        return base() + "/apis/ccompat/v7";
    }

    /** Apicurio's own v2 API base, e.g. {@code http://127.0.0.1:41234/apis/registry/v2}. */
    public String apicurioV2Url() {
        return base() + "/apis/registry/v2";
    }

    /** The Apicurio Registry version running, e.g. {@code 3.3.3}. */
    public String version() {
        return distribution.version();
    }

    /** The file the registry's output goes to. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the registry: politely first, forcibly if it does not exit within a few seconds. */
    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself; nothing left to undo.
        }
    }

    @Override
    public String toString() {
        return distribution + " at " + url();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() {
        HttpClient http = http();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects")).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            Awaitility.await(this + " answers")
                    .atMost(STARTUP_TIMEOUT)
                    .pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the registry process exited", () -> !process.isAlive())
                    .until(() -> answers(http, probe));
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String why = process.isAlive() ? "did not answer GET " + probe.uri() + " within " + STARTUP_TIMEOUT
                    : "exited with code " + exitCode() + " before answering";
            throw new IllegalStateException(distribution + " " + why + ". Command: " + String.join(" ", command)
                    + "\nLast lines of " + logFile.toAbsolutePath() + ":\n" + logTail(), e);
        }
    }

    private static boolean answers(HttpClient http, HttpRequest probe) throws InterruptedException {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    private void setGlobalCompatibility(String level) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/config"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", CONFLUENT_CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        HttpResponse<String> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("PUT " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring " + this, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    private String exitCode() {
        return process.isAlive() ? "?" : Integer.toString(process.exitValue());
    }

    private boolean logMentionsPortInUse() {
        String log = logTail();
        return log.contains("Address already in use") || log.contains("Port already bound");
    }

    private String logTail() {
        try {
            // Decoding leniently: a tail cut mid-character must not hide the log that explains a failure.
            List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }
}
