package io.clayflow.localservers;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Apicurio Registry builds this module's build unpacks under {@code root}, one directory per version: the
 * newer one needs Java 21+, the older one runs on Java 17. {@code rootSetting} names the setting that points at
 * {@code root}, for the message when a build is missing.
 */
public record ApicurioBuilds(Path root, String rootSetting, String java17Version, String java21Version) {

    /** Where Linux distributions install their JDKs. */
    public static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioBuilds.class);
    private static final int NEWER_BUILD_NEEDS_JAVA = 21;

    public ApicurioBuilds {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rootSetting, "rootSetting");
        Objects.requireNonNull(java17Version, "java17Version");
        Objects.requireNonNull(java21Version, "java21Version");
    }

    /**
     * The build this machine can run: the newer one on the first Java 21+ runtime found ({@code configured}, this
     * JVM, the newest under {@code jvmDirectory}), else the Java 17 one on this JVM. Fails now, with the fix in the
     * message, when that build is not unpacked, rather than as a child process that dies at once.
     */
    public ApicurioDistribution choose(Optional<JavaRuntime> configured, JavaRuntime current, Path jvmDirectory) {
        ApicurioDistribution chosen = java21(configured, current, jvmDirectory)
                .map(java -> distribution(java21Version, java))
                .orElseGet(() -> distribution(java17Version, current));
        if (chosen.launcherIfUnpacked().isEmpty()) {
            throw new IllegalStateException("Apicurio Registry " + chosen.version() + " is not unpacked in "
                    + chosen.directory() + ": build the local-servers module (mvn -pl local-servers package; "
                    + "`mvn verify` and `./clayflow up` do it), or point " + rootSetting
                    + " at the directory holding it");
        }
        return chosen;
    }

    private ApicurioDistribution distribution(String version, JavaRuntime java) {
        return new ApicurioDistribution(version, root.resolve(version), java);
    }

    private static Optional<JavaRuntime> java21(Optional<JavaRuntime> configured, JavaRuntime current,
            Path jvmDirectory) {
        if (configured.isPresent()) {
            if (configured.get().feature() >= NEWER_BUILD_NEEDS_JAVA) {
                return configured;
            }
            LOG.warn("The configured {} is older than Java {}: looking elsewhere", configured.get(),
                    NEWER_BUILD_NEEDS_JAVA);
        }
        if (current.feature() >= NEWER_BUILD_NEEDS_JAVA) {
            return Optional.of(current);
        }
        return JavaRuntime.newestUnder(jvmDirectory, NEWER_BUILD_NEEDS_JAVA);
    }
}
