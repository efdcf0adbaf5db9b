package io.clayflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {

    private static ConfigDef definition() {
        return SharedKeys.defineConnection(new ConfigDef(), "Kafka")
                .define("dedupe.ttl", Type.STRING, "P30D", Importance.HIGH, "ttl")
                .define("validate.max.length.first_name", Type.INT, 100, Importance.LOW, "max")
                .define(SharedKeys.MANAGEMENT_PORT, Type.INT, 9191, Importance.LOW, "port");
    }

    private static AppSettings settings() {
        return AppSettings.forApp("test-app", definition())
                .defaults(AppSettingsTest.class, "test-app.properties")
                .passThrough("streams.", "serde.")
                .renamed("metrics.port", SharedKeys.MANAGEMENT_PORT);
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheClosestKnownKey() {
        assertThatThrownBy(() -> settings().resolve(Map.of("dedupe.tll", "P1D")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown test-app setting 'dedupe.tll' (did you mean 'dedupe.ttl'?)");
    }

    @Test
    void anUnknownEnvironmentVariableUnderTheAppsPrefixIsRefusedToo() {
        assertThatThrownBy(() -> settings().load(null, Map.of("CLAYFLOW_TEST_APP_DEDUPE_TLL", "P1D")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'dedupe.tll'").hasMessageContaining("did you mean 'dedupe.ttl'");
    }

    @Test
    void keysUnderAPassThroughPrefixAreNotChecked() {
        assertThat(settings().resolve(Map.of("streams.num.stream.threads", "2")))
                .containsEntry("streams.num.stream.threads", "2");
    }

    @Test
    void everyDefinedKeyIsSettableFromTheEnvironmentIncludingKeysWithUnderscores() {
        for (String key : definition().names()) {
            String variable = AppSettings.envName("test-app", key);
            Map<String, String> props = settings().load(null, Map.of(variable, "42"));
            assertThat(props).as(variable).containsEntry(key, "42");
        }
        assertThat(AppSettings.envName("test-app", "validate.max.length.first_name"))
                .isEqualTo("CLAYFLOW_TEST_APP_VALIDATE_MAX_LENGTH_FIRST_NAME");
    }

    @Test
    void passThroughVariablesFollowConfluentsDockerRule() {
        Map<String, String> props = settings().load(null, Map.of(
                "CLAYFLOW_TEST_APP_STREAMS_SASL_JAAS_CONFIG", "x",
                "CLAYFLOW_TEST_APP_SERDE_BASIC_AUTH_USER__INFO", "u:p",
                "CLAYFLOW_TEST_APP_STREAMS_CLIENT___ID", "c"));
        assertThat(props).containsEntry("streams.sasl.jaas.config", "x")
                .containsEntry("serde.basic.auth.user_info", "u:p")
                .containsEntry("streams.client-id", "c");
    }

    @Test
    void theSharedVariablesSetTheConnectionKeysAndTheAppsOwnWins() {
        Map<String, String> shared = settings().load(null, Map.of(SharedKeys.ENV_BOOTSTRAP_SERVERS, "k:1",
                SharedKeys.ENV_SCHEMA_REGISTRY_URL, "http://r"));
        assertThat(shared).containsEntry("bootstrap.servers", "k:1").containsEntry("schema.registry.url", "http://r");
        Map<String, String> own = settings().load(null, Map.of(SharedKeys.ENV_BOOTSTRAP_SERVERS, "k:1",
                "CLAYFLOW_TEST_APP_BOOTSTRAP_SERVERS", "k:2"));
        assertThat(own).containsEntry("bootstrap.servers", "k:2");
    }

    @Test
    void anOldKeyStillWorksAndWarnsNamingTheNewKey() {
        AppSettings settings = settings();
        assertThat(settings.resolve(Map.of("metrics.port", "1234")))
                .containsEntry("management.port", "1234").doesNotContainKey("metrics.port");
        assertThat(settings.deprecations()).singleElement().asString()
                .contains("'metrics.port'").contains("use 'management.port'")
                .contains("CLAYFLOW_TEST_APP_MANAGEMENT_PORT");
    }

    @Test
    void anOldKeyInTheEnvironmentIsRenamedAndTheNewKeyWinsWhenBothAreSet() {
        assertThat(settings().load(null, Map.of("CLAYFLOW_TEST_APP_METRICS_PORT", "1")))
                .containsEntry("management.port", "1");
        assertThat(settings().resolve(Map.of("metrics.port", "1", "management.port", "2")))
                .containsEntry("management.port", "2");
    }

    @Test
    void layersAreDefaultsThenFileThenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "dedupe.ttl=P2D\nvalidate.max.length.first_name=7\n");
        Map<String, String> props = settings().load(file, Map.of("CLAYFLOW_TEST_APP_DEDUPE_TTL", "P3D"));
        assertThat(props).containsEntry("dedupe.ttl", "P3D").containsEntry("validate.max.length.first_name", "7");
        assertThat(settings().resolve(Map.of())).containsEntry("dedupe.ttl", "P30D");
    }

    @Test
    void variablesOfOtherAppsAreIgnored() {
        assertThat(settings().load(null, Map.of("CLAYFLOW_GATEWAY_HTTP_PORT", "1", "PATH", "/bin")))
                .doesNotContainKey("http.port").doesNotContainKey("path");
    }
}
