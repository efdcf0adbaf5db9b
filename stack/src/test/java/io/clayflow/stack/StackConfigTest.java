package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StackConfigTest {

    @Test
    void defaultsAreTheArchitecturesPortsAndADataDirectoryHere() {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.registryUrl()).isEqualTo("http://127.0.0.1:8081/apis/ccompat/v7");
        assertThat(config.gatewayUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.connectUrl()).isEqualTo("http://127.0.0.1:8083");
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.overrides("intake")).containsEntry("streams.num.standby.replicas", "0");
    }

    @Test
    void theBuildSaysWhereTheRegistryAndThePluginAre() {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of());

        assertThat(config.registryDistributionDir()).isAbsolute().endsWithRaw(Path.of("stack", "target", "apicurio"));
        // endsWithRaw: a unit-test build (mvn test) does not package the plugin, so the directory need not exist yet.
        assertThat(config.connectPluginPath().normalize()).endsWithRaw(Path.of("connectors", "target", "plugin"));
        assertThat(config.registryVersionJava17()).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void laterLayersWinFileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.properties");
        Files.writeString(file, "kafka.port=1111\nregistry.port=2222\nconnect.port=3333\n");

        StackConfig config = StackConfig.load(file, Map.of("CLAYFLOW_STACK_REGISTRY_PORT", "4444",
                "CLAYFLOW_STACK_CONNECT_PORT", "5555"), Map.of("connect.port", "6666"));

        assertThat(config.port(StackConfig.KAFKA_PORT)).isEqualTo(1111);
        assertThat(config.port(StackConfig.REGISTRY_PORT)).isEqualTo(4444);
        assertThat(config.port(StackConfig.CONNECT_PORT)).isEqualTo(6666);
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "kafka.port|0|kafka.port",
            "gateway.port|70000|gateway.port",
            "simulator.port|8080|the same port as gateway.port",
            "part.start.timeout.ms|10|part.start.timeout.ms",
            "data.dir|''|data.dir"})
    void aBadValueIsRefusedNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> StackConfig.load(null, Map.of(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> StackConfig.load(missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }
}
