package io.clayflow.stack;

import java.nio.file.Path;

/**
 * Where the build put the Apicurio Registry and which of its builds the stack runs ({@link StackConfig}'s
 * {@code registry.*} keys).
 *
 * @param distributionDir the directory holding the unpacked builds, one per version
 * @param versionJava17 the build run on Java 17-20
 * @param versionJava21 the build run when a Java 21+ runtime is found
 * @param javaHome a Java 21+ home to run the newer build on, or null to look for one
 */
public record RegistryBuild(Path distributionDir, String versionJava17, String versionJava21, Path javaHome) {
}
