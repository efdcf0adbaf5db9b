package io.clayflow.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an Apicurio Registry build as a child process serving the Confluent-compatible API
 * ({@code /apis/ccompat/v7}), and stops it again.
 */
public final class ApicurioLauncher {

    /**
     * Where and how the registry runs: its address and management port (3.x builds default that one to 9000, where
     * two registries would collide), its heap ({@code 256m}), and the H2 database file it keeps its schemas in, or
     * none for Apicurio's in-memory default.
     */
    public record Settings(String host, int port, int managementPort, String maxHeap, Optional<Path> database) {

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(maxHeap, "maxHeap");
            Objects.requireNonNull(database, "database");
        }

        /** The JDBC URL of {@link #database()}: Apicurio stores it as {@code <file>.mv.db}. */
        public Optional<String> datasourceUrl() {
            return database.map(file -> "jdbc:h2:file:" + file);
        }

        /** The Confluent-compatible API base the serdes use, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
        public String url() {
            return "http://" + host + ":" + port + "/apis/ccompat/v7";
        }
    }

    private final ApicurioDistribution distribution;

    public ApicurioLauncher(ApicurioDistribution distribution) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
    }

    public ApicurioDistribution distribution() {
        return distribution;
    }

    /** The command line that serves the registry as {@code settings} say. */
    public List<String> command(Settings settings) {
        return command(settings, List.of());
    }

    /**
     * The command line that serves the registry as {@code settings} say, with further Quarkus or Apicurio system
     * properties ({@code name=value}, e.g. the TLS settings of {@link #tlsProperties}).
     */
    public List<String> command(Settings settings, List<String> properties) {
        List<String> command = new ArrayList<>();
        command.add(distribution.java().executable().toString());
        // A local registry holds a few schemas: a small heap, the serial GC and C1 only start it fastest.
        command.add("-Xmx" + settings.maxHeap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=" + settings.host());
        command.add("-Dquarkus.http.port=" + settings.port());
        command.add("-Dquarkus.management.host=" + settings.host());
        command.add("-Dquarkus.management.port=" + settings.managementPort());
        command.add("-Dquarkus.http.access-log.enabled=false");
        command.add("-Dquarkus.otel.sdk.disabled=true");
        command.add("-Dquarkus.log.console.color=false");
        // Confluent's registry gives a schema the same id whatever its formatting; Apicurio does only with this.
        command.add("-Dapicurio.ccompat.use-canonical-hash=true");
        settings.datasourceUrl().ifPresent(url -> {
            command.add("-Dapicurio.storage.kind=sql");
            command.add("-Dapicurio.storage.sql.kind=h2");
            command.add("-Dapicurio.datasource.url=" + url);
        });
        properties.forEach(property -> command.add("-D" + property));
        command.add("-jar");
        command.add(distribution.launcher().toString());
        return command;
    }

    /** Starts the registry in its build's directory, its output appended to {@code log}; returns at once. */
    public Process start(Settings settings, Path log) {
        return start(settings, log, List.of());
    }

    /** Starts the registry with further system properties (see {@link #command(Settings, List)}); returns at once. */
    public Process start(Settings settings, Path log, List<String> properties) {
        List<String> command = command(settings, properties);
        try {
            return new ProcessBuilder(command)
                    .directory(distribution.directory().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + distribution + ": " + String.join(" ", command), e);
        }
    }

    /**
     * The Quarkus settings that serve the registry over TLS on {@code httpsPort} as well (plain HTTP stays on the
     * settings' port), with the server's key and certificate from a PKCS12 {@code keyStore}. A client certificate
     * cannot be required this way: the prebuilt registry fixes {@code quarkus.http.ssl.client-auth} at build time
     * (to NONE), and says so in its log when it is set at run time.
     */
    public static List<String> tlsProperties(int httpsPort, Path keyStore, String password) {
        return List.of(
                "quarkus.http.ssl-port=" + httpsPort,
                "quarkus.http.insecure-requests=enabled",
                "quarkus.http.ssl.certificate.key-store-file=" + keyStore,
                "quarkus.http.ssl.certificate.key-store-file-type=PKCS12",
                "quarkus.http.ssl.certificate.key-store-password=" + password);
    }

    /**
     * Stops a registry process: SIGTERM, then SIGKILL if it has not exited within {@code grace}; anything it started
     * is killed too, so nothing outlives it.
     */
    public static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
