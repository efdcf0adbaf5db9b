package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.localservers.ApicurioDistribution;
import io.clayflow.localservers.JavaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryStartupFailureIT {

    @TempDir
    Path apicurio;

    @Test
    void aRegistryThatExitsAtStartupFailsFastWithItsExitCodeAndLogTail() throws IOException {
        // Not a jar: the child JVM exits at once, as a registry with a broken distribution would.
        Path version = Files.createDirectories(apicurio.resolve("0.0.1"));
        Files.writeString(version.resolve("apicurio-registry-app-0.0.1-runner.jar"), "not a jar");
        ApicurioDistribution broken = new ApicurioDistribution("0.0.1", version, JavaRuntime.current());

        assertThatThrownBy(() -> SchemaRegistryServer.start(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Apicurio Registry 0.0.1")
                .hasMessageContaining("exited with code 1 before answering")
                .hasMessageContaining("-Dquarkus.http.port=")
                .hasMessageContaining("Invalid or corrupt jarfile");
    }
}
