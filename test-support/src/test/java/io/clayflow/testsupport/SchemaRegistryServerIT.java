package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The registry the extension gives a test: the newest build a JDK on this machine can run. */
@ClayflowIntegrationTest
class SchemaRegistryServerIT extends SchemaRegistryContract {

    private final SchemaRegistryServer registry;

    SchemaRegistryServerIT(SchemaRegistryServer registry) {
        this.registry = registry;
    }

    @Override
    SchemaRegistryServer registry() {
        return registry;
    }

    @Test
    void theSuiteSharesOneRegistry(SchemaRegistryServer parameter) {
        assertThat(parameter).isSameAs(registry);
    }

    @Test
    void logsToAFileUnderTarget() {
        assertThat(registry.logFile()).hasParent(Path.of("target")).isNotEmptyFile();
    }
}
