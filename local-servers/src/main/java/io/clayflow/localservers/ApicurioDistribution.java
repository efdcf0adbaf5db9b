package io.clayflow.localservers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One unpacked Apicurio Registry build and the Java runtime chosen to run it ({@link ApicurioBuilds#choose}). */
public record ApicurioDistribution(String version, Path directory, JavaRuntime java) {

    public ApicurioDistribution {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(java, "java");
    }

    /**
     * The jar to {@code java -jar}: 3.0.x ships an uber {@code apicurio-registry-app-<v>-runner.jar}, later builds
     * Quarkus' fast-jar layout with {@code quarkus-run.jar}.
     */
    public Path launcher() {
        return launcherIfUnpacked().orElseThrow(() -> new IllegalStateException("Apicurio Registry " + version
                + " is not unpacked in " + directory));
    }

    Optional<Path> launcherIfUnpacked() {
        return List.of(directory.resolve("apicurio-registry-app-" + version + "-runner.jar"),
                        directory.resolve("quarkus-run.jar"))
                .stream().filter(Files::isRegularFile).findFirst();
    }

    @Override
    public String toString() {
        return "Apicurio Registry " + version + " on " + java;
    }
}
