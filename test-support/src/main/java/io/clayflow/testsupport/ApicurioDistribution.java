package io.clayflow.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An unpacked Apicurio Registry build together with the Java runtime chosen to run it. */
final class ApicurioDistribution {

    static final String DIR_PROPERTY = "clayflow.apicurio.dir";
    static final String JAVA17_VERSION_PROPERTY = "clayflow.apicurio.version.java17";
    static final String JAVA21_VERSION_PROPERTY = "clayflow.apicurio.version.java21";
    static final String JAVA_HOME_ENV = "CLAYFLOW_REGISTRY_JAVA_HOME";
    static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);
    private static final int NEWER_BUILD_NEEDS_JAVA = 21;
    private static final String HOW_TO_UNPACK = "run `mvn verify` (or `mvn -pl test-support pre-integration-test`) "
            + "so the build unpacks it";

    private final String version;
    private final Path root;
    private final JavaRuntime java;

    /** {@code root} holds one directory per unpacked version ({@code clayflow.apicurio.dir}). */
    ApicurioDistribution(String version, Path root, JavaRuntime java) {
        this.version = Objects.requireNonNull(version, "version");
        this.root = Objects.requireNonNull(root, "root");
        this.java = Objects.requireNonNull(java, "java");
    }

    /** The build this machine can run: the Java 21+ one if a Java 21+ runtime is found, else the Java 17 one here. */
    static ApicurioDistribution choose(Function<String, String> systemProperties, Function<String, String> environment,
            JavaRuntime current, Path jvmDirectory) {
        Path root = Path.of(required(systemProperties, DIR_PROPERTY));
        Optional<JavaRuntime> java21 = java21(environment.apply(JAVA_HOME_ENV), current, jvmDirectory);
        ApicurioDistribution chosen = java21
                .map(java -> new ApicurioDistribution(required(systemProperties, JAVA21_VERSION_PROPERTY), root, java))
                .orElseGet(() -> new ApicurioDistribution(required(systemProperties, JAVA17_VERSION_PROPERTY), root,
                        current));
        chosen.launcher(); // fail here, with the fix in the message, rather than as a cryptic child-process error
        return chosen;
    }

    private static Optional<JavaRuntime> java21(String configuredHome, JavaRuntime current, Path jvmDirectory) {
        if (configuredHome != null && !configuredHome.isBlank()) {
            JavaRuntime configured = JavaRuntime.at(Path.of(configuredHome.trim())).orElseThrow(
                    () -> new IllegalStateException(JAVA_HOME_ENV + "=" + configuredHome + " is not a Java home "
                            + "(no bin/java or release file)"));
            if (configured.feature() >= NEWER_BUILD_NEEDS_JAVA) {
                return Optional.of(configured);
            }
            LOG.warn("{} points at {}, older than Java {}: looking elsewhere", JAVA_HOME_ENV, configured,
                    NEWER_BUILD_NEEDS_JAVA);
        }
        if (current.feature() >= NEWER_BUILD_NEEDS_JAVA) {
            return Optional.of(current);
        }
        return JavaRuntime.newestUnder(jvmDirectory, NEWER_BUILD_NEEDS_JAVA);
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

    String version() {
        return version;
    }

    JavaRuntime java() {
        return java;
    }

    /** Where this version is unpacked: {@code <clayflow.apicurio.dir>/<version>}. */
    Path directory() {
        return root.resolve(version);
    }

    /**
     * The jar to {@code java -jar}: older builds ship an uber {@code apicurio-registry-app-<v>-runner.jar}, newer ones
     * Quarkus' fast-jar layout with {@code quarkus-run.jar}.
     */
    Path launcher() {
        Path home = directory();
        for (Path candidate : List.of(home.resolve("apicurio-registry-app-" + version + "-runner.jar"),
                home.resolve("quarkus-run.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Apicurio Registry " + version + " is not unpacked in " + home + ": "
                + HOW_TO_UNPACK);
    }

    /** The command line that serves the registry on 127.0.0.1 at the given ports. */
    List<String> command(int httpPort, int managementPort) {
        List<String> command = new ArrayList<>();
        command.add(java.executable().toString());
        // A registry for tests holds a few schemas: small heap, the serial GC and C1 only start it fastest.
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + httpPort);
        // 3.x builds with a management interface default it to port 9000; two registries (or anything else there)
        // would collide, so give it its own free port.
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dquarkus.http.access-log.enabled=false");
        command.add("-Dquarkus.otel.sdk.disabled=true");
        // Confluent's registry gives a schema the same id whatever its formatting; Apicurio does only with this.
        command.add("-Dapicurio.ccompat.use-canonical-hash=true");
        command.add("-jar");
        command.add(launcher().toString());
        return command;
    }

    @Override
    public String toString() {
        return "Apicurio Registry " + version + " on " + java;
    }
}
