package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

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
        registry = SchemaRegistryServer.start(new ApicurioDistribution(
                System.getProperty(ApicurioDistribution.JAVA17_VERSION_PROPERTY),
                Path.of(System.getProperty(ApicurioDistribution.DIR_PROPERTY)),
                JavaRuntime.current()));
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
        assertThat(registry.version()).isEqualTo(System.getProperty(ApicurioDistribution.JAVA17_VERSION_PROPERTY));
    }
}
