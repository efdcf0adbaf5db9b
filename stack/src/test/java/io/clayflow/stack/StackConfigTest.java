package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.routing.RoutingConfig;
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
        assertThat(config.url(StackConfig.GATEWAY_PORT)).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.url(StackConfig.CONNECT_PORT)).isEqualTo("http://127.0.0.1:8083");
        assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(config.overrides("intake")).containsEntry("streams.num.standby.replicas", "0");
    }

    @Test
    void theStreamsAppsMetricsPortsDefaultToTheAppsOwnBesideTheGatewaysManagementPort() {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of());

        assertThat(config.port(StackConfig.INTAKE_METRICS_PORT)).isEqualTo(IntakeConfig.DEFAULT_METRICS_PORT)
                .isEqualTo(9191);
        assertThat(config.port(StackConfig.ROUTING_METRICS_PORT)).isEqualTo(RoutingConfig.DEFAULT_METRICS_PORT)
                .isEqualTo(9192);
        assertThat(config.url(StackConfig.GATEWAY_MANAGEMENT_PORT)).isEqualTo("http://127.0.0.1:9090");
        assertThat(config.boundPorts()).containsEntry(StackConfig.INTAKE_METRICS_PORT, 9191)
                .containsEntry(StackConfig.ROUTING_METRICS_PORT, 9192).hasSize(StackConfig.PORT_KEYS.size());
    }

    @Test
    void aMetricsPortOfMinusOneIsNotServedAndTakesNoPortFromTheOthers() {
        StackConfig config = StackConfig.load(null, Map.of("CLAYFLOW_STACK_INTAKE_METRICS_PORT", "-1"),
                Map.of(StackConfig.ROUTING_METRICS_PORT, "-1"));

        assertThat(config.port(StackConfig.INTAKE_METRICS_PORT)).isEqualTo(-1);
        assertThat(config.boundPorts()).doesNotContainKeys(StackConfig.INTAKE_METRICS_PORT,
                StackConfig.ROUTING_METRICS_PORT).hasSize(StackConfig.PORT_KEYS.size() - 2);
    }

    @Test
    void theBuildSaysWhereTheRegistryAndThePluginAre() {
        StackConfig config = StackConfig.load(null, Map.of(), Map.of());

        assertThat(config.registryBuild().distributionDir()).isAbsolute().endsWithRaw(Path.of("local-servers", "target", "apicurio"));
        // endsWithRaw: a unit-test build (mvn test) does not package the plugin, so the directory need not exist yet.
        assertThat(config.connectPluginPath().normalize()).endsWithRaw(Path.of("connectors", "target", "plugin"));
        assertThat(config.registryBuild().versionJava17()).matches("\\d+\\.\\d+\\.\\d+");
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
            "routing.metrics.port|9191|the same port as intake.metrics.port",
            "intake.metrics.port|9090|the same port as gateway.management.port",
            "intake.metrics.port|0|or -1 to serve no metrics",
            "routing.metrics.port|-2|routing.metrics.port",
            "gateway.management.port|-1|gateway.management.port",
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data.dri|data.dir",
            "kafka.prot|kafka.port",
            "regsitry.port|registry.port"})
    void anUnknownKeyIsRefusedNamingTheClosestKnownKey(String typo, String closest) {
        String expected = "Unknown stack setting '" + typo + "' (did you mean '" + closest + "'?)";
        assertThatThrownBy(() -> StackConfig.load(null, Map.of(), Map.of(typo, "1")))
                .isInstanceOf(ConfigException.class).hasMessage(expected);
        String env = "CLAYFLOW_STACK_" + typo.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
        assertThatThrownBy(() -> StackConfig.load(null, Map.of(env, "1"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(expected);
    }

    @Test
    void anUnknownKeyInAFileIsRefusedToo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.properties");
        Files.writeString(file, "stop.timeout=1000\n");

        assertThatThrownBy(() -> StackConfig.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'stop.timeout'")
                .hasMessageContaining("did you mean 'stop.timeout.ms'");
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironment(@TempDir Path dir) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put(StackConfig.DATA_DIR, dir.toString());
        values.put(StackConfig.HOST, "127.0.0.2");
        int port = 21_000;
        for (String key : StackConfig.PORT_KEYS) {
            values.put(key, Integer.toString(port++));
        }
        values.put(StackConfig.REGISTRY_DISTRIBUTION_DIR, dir.resolve("apicurio").toString());
        values.put(StackConfig.REGISTRY_VERSION_JAVA17, "3.0.1");
        values.put(StackConfig.REGISTRY_VERSION_JAVA21, "3.3.1");
        values.put(StackConfig.REGISTRY_JAVA_HOME, dir.resolve("jdk").toString());
        values.put(StackConfig.CONNECT_PLUGIN_PATH, dir.resolve("plugin").toString());
        values.put(StackConfig.PART_START_TIMEOUT_MS, "2000");
        values.put(StackConfig.STOP_TIMEOUT_MS, "3000");
        assertThat(values.keySet()).as("every defined key")
                .containsExactlyInAnyOrderElementsOf(StackConfig.load(null, Map.of(), Map.of()).values().keySet());
        Map<String, String> environment = new java.util.HashMap<>();
        values.forEach((key, value) -> environment.put(AppSettings.envName(StackConfig.APP, key), value));

        StackConfig config = StackConfig.load(null, environment, Map.of());

        values.forEach((key, value) -> assertThat(String.valueOf(config.originals().get(key))).as(key)
                .isEqualTo(value));
        assertThat(config.dataDir()).isEqualTo(dir);
        assertThat(config.port(StackConfig.LEDGER_METRICS_PORT)).isEqualTo(21_000 + StackConfig.PORT_KEYS.size() - 1);
    }

    @Test
    void aPartsSettingCanBeSetFromTheEnvironmentUnderOverride() {
        StackConfig config = StackConfig.load(null, Map.of(
                "CLAYFLOW_STACK_OVERRIDE_INTAKE_THROTTLE_RATE_PER_SECOND", "20",
                "CLAYFLOW_STACK_OVERRIDE_INTAKE_VALIDATE_MAX_LENGTH_FIRST__NAME", "40",
                "CLAYFLOW_STACK_OVERRIDE_SINK_CLAY_RATE_LIMIT_ROWS_PER_SECOND", "20"), Map.of());

        assertThat(config.overrides("intake")).containsEntry("throttle.rate.per.second", "20")
                .containsEntry("validate.max.length.first_name", "40");
        assertThat(config.overrides("sink.clay")).containsEntry("rate.limit.rows.per.second", "20");
    }
}
