package io.clayflow.testsupport;

import io.clayflow.localservers.ApicurioBuilds;
import io.clayflow.localservers.ApicurioDistribution;
import io.clayflow.localservers.ApicurioLauncher;
import io.clayflow.localservers.JavaRuntime;
import io.clayflow.localservers.RegistryApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry, started as a child process of the test JVM (by local-servers' {@link ApicurioLauncher},
 * as {@code clayflow up} starts it), serving the Confluent-compatible API that clayflow's serdes use.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** The content type of the Confluent schema registry API. */
    public static final String CONFLUENT_CONTENT_TYPE = RegistryApi.CONFLUENT_CONTENT_TYPE;

    static final String DIR_PROPERTY = "clayflow.apicurio.dir";
    static final String JAVA17_VERSION_PROPERTY = "clayflow.apicurio.version.java17";
    static final String JAVA21_VERSION_PROPERTY = "clayflow.apicurio.version.java21";
    static final String JAVA_HOME_ENV = "CLAYFLOW_REGISTRY_JAVA_HOME";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String MAX_HEAP = "384m";
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final ApicurioLauncher launcher;
    private final List<String> command;
    private final Process process;
    private final int port;
    private final int httpsPort;
    private final Path logFile;
    private final Thread shutdownHook;

    private SchemaRegistryServer(ApicurioLauncher launcher, List<String> command, Process process, int port,
            int httpsPort, Path logFile, Thread shutdownHook) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.command = List.copyOf(command);
        this.process = Objects.requireNonNull(process, "process");
        this.port = port;
        this.httpsPort = httpsPort;
        this.logFile = Objects.requireNonNull(logFile, "logFile");
        this.shutdownHook = Objects.requireNonNull(shutdownHook, "shutdownHook");
    }

    /**
     * Starts the registry build this machine can run (see {@code test-support/README.md}), waits until it answers and
     * sets its global compatibility to BACKWARD, as clayflow's schemas evolve.
     */
    public static SchemaRegistryServer start() {
        return start(choose(System::getProperty, System::getenv, JavaRuntime.current()));
    }

    /** The build to run: where Failsafe says the builds are unpacked, on the Java {@code CLAYFLOW_REGISTRY_JAVA_HOME} names. */
    static ApicurioDistribution choose(Function<String, String> systemProperties, Function<String, String> environment,
            JavaRuntime current) {
        ApicurioBuilds builds = new ApicurioBuilds(Path.of(required(systemProperties, DIR_PROPERTY)), DIR_PROPERTY,
                required(systemProperties, JAVA17_VERSION_PROPERTY), required(systemProperties, JAVA21_VERSION_PROPERTY));
        Optional<JavaRuntime> configured = Optional.ofNullable(environment.apply(JAVA_HOME_ENV))
                .filter(home -> !home.isBlank())
                .map(home -> JavaRuntime.configured(JAVA_HOME_ENV, Path.of(home.trim())));
        return builds.choose(configured, current, ApicurioBuilds.JVM_DIRECTORY);
    }

    private static String required(Function<String, String> systemProperties, String name) {
        String value = systemProperties.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set. Run the tests through Maven "
                    + "(Failsafe passes " + DIR_PROPERTY + ", " + JAVA17_VERSION_PROPERTY + " and "
                    + JAVA21_VERSION_PROPERTY + " from the parent pom), or pass them yourself.");
        }
        return value.trim();
    }

    /**
     * Starts the registry serving its API over TLS too ({@link #httpsUrl()}), with the server key and certificate of
     * a PKCS12 {@code keyStore}. Plain HTTP stays on {@link #url()} (for the readiness check).
     */
    public static SchemaRegistryServer startWithTls(Path keyStore, String password) {
        return start(choose(System::getProperty, System::getenv, JavaRuntime.current()),
                httpsPort -> ApicurioLauncher.tlsProperties(httpsPort, keyStore, password));
    }

    static SchemaRegistryServer start(ApicurioDistribution distribution) {
        return start(distribution, null);
    }

    private static SchemaRegistryServer start(ApicurioDistribution distribution,
            Function<Integer, List<String>> tlsProperties) {
        ApicurioLauncher launcher = new ApicurioLauncher(distribution);
        long startedAt = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            SchemaRegistryServer server = launch(launcher, tlsProperties);
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

    private static SchemaRegistryServer launch(ApicurioLauncher launcher,
            Function<Integer, List<String>> tlsProperties) {
        ApicurioLauncher.Settings settings = new ApicurioLauncher.Settings("127.0.0.1", FreePort.find(),
                FreePort.find(), MAX_HEAP, Optional.empty());
        int httpsPort = tlsProperties == null ? -1 : FreePort.find();
        List<String> properties = tlsProperties == null ? List.of() : tlsProperties.apply(httpsPort);
        Path logFile = logDirectory().resolve("apicurio-" + settings.port() + ".log");
        Process process = launcher.start(settings, logFile, properties);
        // JUnit closes the server at the end of the suite; the hook covers a JVM that exits any other way.
        Thread hook = new Thread(() -> ApicurioLauncher.stop(process, STOP_GRACE),
                "apicurio-registry-" + settings.port() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SchemaRegistryServer(launcher, launcher.command(settings, properties), process, settings.port(),
                httpsPort, logFile, hook);
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

    /**
     * The Confluent-compatible API base over TLS, e.g. {@code https://localhost:41235/apis/ccompat/v7}, for a
     * registry started by {@link #startWithTls}.
     */
    public String httpsUrl() {
        if (httpsPort < 0) {
            throw new IllegalStateException(this + " was started without TLS: use startWithTls");
        }
        return "https://localhost:" + httpsPort + "/apis/ccompat/v7";
    }

    /** Apicurio's own v2 API base, e.g. {@code http://127.0.0.1:41234/apis/registry/v2}. */
    public String apicurioV2Url() {
        return base() + "/apis/registry/v2";
    }

    /** The Apicurio Registry version running, e.g. {@code 3.3.3}. */
    public String version() {
        return launcher.distribution().version();
    }

    /** The file the registry's output goes to. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the registry: politely first, forcibly if it does not exit within a few seconds. */
    @Override
    public void close() {
        ApicurioLauncher.stop(process, STOP_GRACE);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself; nothing left to undo.
        }
    }

    @Override
    public String toString() {
        return launcher.distribution() + " at " + url();
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private RegistryApi api() {
        return new RegistryApi(url(), REQUEST_TIMEOUT);
    }

    private void awaitReady() {
        RegistryApi api = api();
        try {
            Awaitility.await(this + " answers")
                    .atMost(STARTUP_TIMEOUT)
                    .pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the registry process exited", () -> !process.isAlive())
                    .until(api::answers);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String why = process.isAlive() ? "did not answer GET " + url() + "/subjects within " + STARTUP_TIMEOUT
                    : "exited with code " + exitCode() + " before answering";
            throw new IllegalStateException(launcher.distribution() + " " + why + ". Command: "
                    + String.join(" ", command) + "\nLast lines of " + logFile.toAbsolutePath() + ":\n" + logTail(), e);
        }
    }

    private void setGlobalCompatibility(String level) {
        try {
            api().setGlobalCompatibility(level);
        } catch (IOException e) {
            throw new UncheckedIOException("Setting the compatibility of " + this + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring " + this, e);
        }
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
