package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredPropertiesTest {

    @Test
    void laterLayersWinAndValuesAreTrimmed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "b=from-file\nc=3\n");

        Map<String, String> props = LayeredProperties.load(LayeredPropertiesTest.class, "layered-test.properties",
                file, "CLAYFLOW_TEST_", Map.of("CLAYFLOW_TEST_C", "from-env", "OTHER_C", "ignored"), "test");

        assertThat(props).containsEntry("a", "1").containsEntry("b", "from-file").containsEntry("c", "from-env")
                .hasSize(3);
    }

    @Test
    void environmentNamesBecomeDottedLowerCaseKeys() {
        assertThat(LayeredProperties.fromEnvironment("CLAYFLOW_GATEWAY_",
                Map.of("CLAYFLOW_GATEWAY_KAFKA_BOOTSTRAP_SERVERS", "k:9092", "CLAYFLOW_GATEWAY_", "nothing")))
                .containsExactly(Map.entry("kafka.bootstrap.servers", "k:9092"));
    }

    @Test
    void aMissingFileIsNamedInTheError(@TempDir Path dir) {
        assertThatThrownBy(() -> LayeredProperties.file(dir.resolve("nope.properties"), "intake"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intake configuration file").hasMessageContaining("nope.properties");
    }

    @Test
    void aMissingDefaultsResourceIsAPackagingBug() {
        assertThatThrownBy(() -> LayeredProperties.classpath(LayeredPropertiesTest.class, "no-such.properties"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such.properties");
    }
}
