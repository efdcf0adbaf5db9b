package io.clayflow.stack;

import io.clayflow.localservers.ApicurioBuilds;
import io.clayflow.localservers.ApicurioDistribution;
import io.clayflow.localservers.ApicurioLauncher;
import io.clayflow.localservers.JavaRuntime;
import io.clayflow.localservers.RegistryApi;
import java.io.IOException;
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
 * The schema registry: Apicurio Registry as a child process (local-servers' {@link ApicurioLauncher}) serving the
 * Confluent-compatible API, its schemas in an H2 database file under {@code <data>/registry} so that they, and with
 * them the ids in every record on disk, survive a restart (Apicurio's default storage is in memory). The child is
 * stopped with the stack, last (the stack's one shutdown hook stops it when the JVM exits), and one left behind by a
 * killed stack is stopped at the next start.
 */
public final class SchemaRegistryPart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryPart.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final StackConfig config;
    private final JavaRuntime currentJava;
    private final Path home;
    private final ApicurioLauncher.Settings settings;
    private final RegistryApi api;
    private ApicurioDistribution distribution;
    private Process process;
    private boolean compatibilitySet;

    public SchemaRegistryPart(StackConfig config) {
        this(config, JavaRuntime.current());
    }

    SchemaRegistryPart(StackConfig config, JavaRuntime currentJava) {
        this.config = Objects.requireNonNull(config, "config");
        this.currentJava = Objects.requireNonNull(currentJava, "currentJava");
        this.home = config.dataDir().resolve("registry");
        this.settings = new ApicurioLauncher.Settings(config.host(), config.port(StackConfig.REGISTRY_PORT),
                config.port(StackConfig.REGISTRY_MANAGEMENT_PORT), "256m", Optional.of(home.resolve("registry")));
        this.api = new RegistryApi(settings.url(), REQUEST_TIMEOUT);
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
        return settings.datasourceUrl().orElseThrow();
    }

    /** The registry build and Java to run: {@code registry.java.home} if set, else the first Java 21+ found. */
    private ApicurioDistribution choose() {
        RegistryBuild build = config.registryBuild();
        ApicurioBuilds builds = new ApicurioBuilds(build.distributionDir(), StackConfig.REGISTRY_DISTRIBUTION_DIR,
                build.versionJava17(), build.versionJava21());
        Optional<JavaRuntime> configured = Optional.ofNullable(build.javaHome())
                .map(javaHome -> JavaRuntime.configured(StackConfig.REGISTRY_JAVA_HOME, javaHome));
        return builds.choose(configured, currentJava, ApicurioBuilds.JVM_DIRECTORY);
    }

    @Override
    public void start() throws IOException {
        distribution = choose();
        Files.createDirectories(home);
        Path log = Files.createDirectories(config.dataDir().resolve("logs")).resolve("registry.log");
        stopLeftovers();
        process = new ApicurioLauncher(distribution).start(settings, log);
        Files.writeString(pidFile(), "registry=" + process.pid() + "\nstack=" + ProcessHandle.current().pid() + "\n",
                StandardCharsets.UTF_8);
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
        try {
            if (process == null || !process.isAlive() || !api.answers()) {
                return false;
            }
            if (!compatibilitySet) {
                api.setGlobalCompatibility("BACKWARD");
                compatibilitySet = true;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("Setting the registry's compatibility failed: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
        ApicurioLauncher.stop(process, STOP_GRACE);
        Files.deleteIfExists(pidFile());
        LOG.info("Stopped the schema registry (exit code {})", process.exitValue());
    }

    @Override
    public boolean isStopped() {
        return process == null || !process.isAlive();
    }
}
