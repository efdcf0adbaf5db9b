package io.clayflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apicurio Registry build the stack runs, and the Java it runs on: the newer build when a Java 21+ runtime is
 * found (the configured home, this JVM, or the newest under {@code /usr/lib/jvm}), else the Java 17 build on this
 * JVM.
 */
record RegistryDistribution(String version, Path directory, JavaRuntimes.Runtime java) {

    static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    private static final Logger LOG = LoggerFactory.getLogger(RegistryDistribution.class);
    private static final int NEWER_BUILD_NEEDS_JAVA = 21;

    RegistryDistribution {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(java, "java");
    }

    static RegistryDistribution choose(StackConfig config, JavaRuntimes.Runtime current, Path jvmDirectory) {
        Path root = config.registryDistributionDir();
        RegistryDistribution chosen = java21(config.registryJavaHome(), current, jvmDirectory)
                .map(java -> new RegistryDistribution(config.registryVersionJava21(),
                        root.resolve(config.registryVersionJava21()), java))
                .orElseGet(() -> new RegistryDistribution(config.registryVersionJava17(),
                        root.resolve(config.registryVersionJava17()), current));
        chosen.launcher(); // fail now, with the fix in the message, not as a child process that dies at once
        return chosen;
    }

    private static Optional<JavaRuntimes.Runtime> java21(Path configured, JavaRuntimes.Runtime current,
            Path jvmDirectory) {
        if (configured != null) {
            JavaRuntimes.Runtime runtime = JavaRuntimes.at(configured).orElseThrow(() -> new IllegalStateException(
                    StackConfig.REGISTRY_JAVA_HOME + "=" + configured + " is not a Java home (no bin/java or release file)"));
            if (runtime.feature() >= NEWER_BUILD_NEEDS_JAVA) {
                return Optional.of(runtime);
            }
            LOG.warn("{} is {}, older than Java {}: looking elsewhere", StackConfig.REGISTRY_JAVA_HOME, runtime,
                    NEWER_BUILD_NEEDS_JAVA);
        }
        if (current.feature() >= NEWER_BUILD_NEEDS_JAVA) {
            return Optional.of(current);
        }
        return JavaRuntimes.newestUnder(jvmDirectory, NEWER_BUILD_NEEDS_JAVA);
    }

    /**
     * The jar to {@code java -jar}: 3.0.x ships an uber {@code apicurio-registry-app-<v>-runner.jar}, later builds
     * Quarkus' fast-jar layout with {@code quarkus-run.jar}.
     */
    Path launcher() {
        for (Path candidate : List.of(directory.resolve("apicurio-registry-app-" + version + "-runner.jar"),
                directory.resolve("quarkus-run.jar"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Apicurio Registry " + version + " is not unpacked in " + directory
                + ": build the stack module (mvn -pl stack -am package -DskipTests, or ./clayflow up, which builds), "
                + "or point " + StackConfig.REGISTRY_DISTRIBUTION_DIR + " at the directory holding it");
    }

    @Override
    public String toString() {
        return "Apicurio Registry " + version + " on " + java;
    }
}
