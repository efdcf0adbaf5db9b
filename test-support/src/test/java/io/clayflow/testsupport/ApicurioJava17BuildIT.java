package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.localservers.ApicurioDistribution;
import io.clayflow.localservers.JavaRuntime;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build machines without Java 21 fall back to, run on this JVM, so it keeps working where Java 21 is around too.
 */
class ApicurioJava17BuildIT extends SchemaRegistryContract {

    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startTheJava17Build() {
        String version = System.getProperty(SchemaRegistryServer.JAVA17_VERSION_PROPERTY);
        registry = SchemaRegistryServer.start(new ApicurioDistribution(version,
                Path.of(System.getProperty(SchemaRegistryServer.DIR_PROPERTY)).resolve(version), JavaRuntime.current()));
    }

    @AfterAll
    static void stopIt() {
        if (registry != null) {
            registry.close();
        }
    }

    @Override
    SchemaRegistryServer registry() {
        return registry;
    }

    @Test
    void runsTheJava17Build() {
        assertThat(registry.version()).isEqualTo(System.getProperty(SchemaRegistryServer.JAVA17_VERSION_PROPERTY));
    }
}
