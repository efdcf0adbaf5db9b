package io.clayflow.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry: Apicurio Registry as a child process serving the Confluent-compatible API, its schemas in an
 * H2 database file under {@code <data>/registry} so that they, and with them the ids in every record on disk,
 * survive a restart (Apicurio's default storage is in memory). The child is stopped with the stack, by a JVM
 * shutdown hook if the JVM exits otherwise, and one left behind by a killed stack is stopped at the next start.
 */
public final class SchemaRegistryPart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryPart.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";

    private final StackConfig config;
    private final JavaRuntimes.Runtime currentJava;
    private final Path home;
    private final HttpProbe http = new HttpProbe();
    private RegistryDistribution distribution;
    private Process process;
    private Thread shutdownHook;
    private boolean compatibilitySet;

    public SchemaRegistryPart(StackConfig config) {
        this(config, JavaRuntimes.current());
    }

    SchemaRegistryPart(StackConfig config, JavaRuntimes.Runtime currentJava) {
        this.config = Objects.requireNonNull(config, "config");
        this.currentJava = Objects.requireNonNull(currentJava, "currentJava");
        this.home = config.dataDir().resolve("registry");
    }

    @Override
    public String name() {
        return "schema-registry";
    }

    /** The Confluent-compatible API base the serdes use. */
    public String url() {
        return config.registryUrl();
    }

    /** The registry's process while it runs. */
    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).map(Process::toHandle);
    }

    /** The H2 database URL: the file lives (as {@code registry.mv.db}) in the data directory. */
    String datasourceUrl() {
        return "jdbc:h2:file:" + home.resolve("registry");
    }

    List<String> command(RegistryDistribution chosen) {
        List<String> command = new ArrayList<>();
        command.add(chosen.java().executable().toString());
        // A local registry holds a few schemas: a small heap, the serial GC and C1 only start it fastest.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=" + config.host());
        command.add("-Dquarkus.http.port=" + config.port(StackConfig.REGISTRY_PORT));
        command.add("-Dquarkus.management.host=" + config.host());
        command.add("-Dquarkus.management.port=" + config.port(StackConfig.REGISTRY_MANAGEMENT_PORT));
        command.add("-Dquarkus.http.access-log.enabled=false");
        command.add("-Dquarkus.otel.sdk.disabled=true");
        command.add("-Dquarkus.log.console.color=false");
        // Confluent's registry gives a schema the same id whatever its formatting; Apicurio does only with this.
        command.add("-Dapicurio.ccompat.use-canonical-hash=true");
        command.add("-Dapicurio.storage.kind=sql");
        command.add("-Dapicurio.storage.sql.kind=h2");
        command.add("-Dapicurio.datasource.url=" + datasourceUrl());
        command.add("-jar");
        command.add(chosen.launcher().toString());
        return command;
    }

    @Override
    public void start() throws IOException {
        distribution = RegistryDistribution.choose(config, currentJava, RegistryDistribution.JVM_DIRECTORY);
        Files.createDirectories(home);
        Path logs = Files.createDirectories(config.dataDir().resolve("logs"));
        stopLeftovers();
        List<String> command = command(distribution);
        Path log = logs.resolve("registry.log");
        process = new ProcessBuilder(command)
                .directory(distribution.directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Files.writeString(pidFile(), "registry=" + process.pid() + "\nstack=" + ProcessHandle.current().pid() + "\n",
                StandardCharsets.UTF_8);
        Process started = process;
        shutdownHook = new Thread(() -> stop(started), "clayflow-registry-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.info("Started {} (pid {}), log {}", distribution, process.pid(), log);
    }

    private Path pidFile() {
        return home.resolve("registry.pid");
    }

    /**
     * A stack killed with SIGKILL cannot stop its child: the registry would keep the port and the database. The pid
     * file names the registry's process and the stack's; if that stack is gone and the registry still runs this
     * data directory's database, stop it. If that stack still runs, another stack uses this data directory: refuse.
     */
    @Override
    public void stopLeftovers() throws IOException {
        if (!Files.exists(pidFile())) {
            return;
        }
        Properties pids = new Properties();
        try (var in = Files.newBufferedReader(pidFile(), StandardCharsets.UTF_8)) {
            pids.load(in);
        }
        Optional<ProcessHandle> stack = live(pids.getProperty("stack"));
        if (stack.isPresent() && stack.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("another stack (pid " + stack.get().pid() + ") is running on "
                    + config.dataDir() + ": stop it first");
        }
        live(pids.getProperty("registry"))
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(datasourceUrl())).orElse(false))
                .ifPresent(leftover -> {
                    LOG.warn("Stopping the schema registry (pid {}) a stopped stack on {} left running", leftover.pid(),
                            config.dataDir());
                    leftover.destroy();
                    try {
                        leftover.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (Exception e) {
                        leftover.destroyForcibly();
                    }
                });
        Files.delete(pidFile());
    }

    private static Optional<ProcessHandle> live(String pid) {
        try {
            return pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid.trim()))
                    .filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean isReady() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        if (http.status(URI.create(url() + "/subjects")) != 200) {
            return false;
        }
        if (!compatibilitySet) {
            compatibilitySet = setGlobalCompatibility("BACKWARD");
        }
        return compatibilitySet;
    }

    @Override
    public Optional<String> failure() {
        if (process != null && !process.isAlive()) {
            return Optional.of("the registry process exited with code " + process.exitValue() + "; see "
                    + config.dataDir().resolve("logs").resolve("registry.log"));
        }
        return Optional.empty();
    }

    @Override
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** clayflow's schemas evolve BACKWARD-compatibly; the registry refuses a schema that would break that. */
    private boolean setGlobalCompatibility(String level) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + "/config"))
                    .header("Content-Type", CONFLUENT_JSON)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")));
            if (response.statusCode() != 200) {
                LOG.warn("Setting the registry's compatibility answered {}: {}", response.statusCode(), response.body());
            }
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("Confluent-compatible API", url()));
        endpoints.add(new Endpoint("schemas stored in", home.resolve("registry.mv.db").toString()));
        if (distribution != null) {
            endpoints.add(new Endpoint("runs", distribution.toString()));
        }
        return endpoints;
    }

    @Override
    public void stop() throws IOException {
        if (process == null) {
            return;
        }
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down and runs the hook itself.
        }
        Files.deleteIfExists(pidFile());
        LOG.info("Stopped the schema registry (exit code {})", process.exitValue());
    }

    private static void stop(Process process) {
        // The registry is a Java process of its own: stop anything it started too.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public boolean isStopped() {
        return process == null || !process.isAlive();
    }
}
