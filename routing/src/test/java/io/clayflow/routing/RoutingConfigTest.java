package io.clayflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.streams.DeadLetterProcessingHandler;
import io.clayflow.streams.SettingSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Defaults, overrides, pass-through and start-up validation of the routing configuration. */
class RoutingConfigTest {

    private static final SettingSamples SAMPLES = new SettingSamples(Map.of(
            "application.id", "routing-eu",
            "bootstrap.servers", "broker-1:9092,broker-2:9092",
            "schema.registry.url", "https://registry.example.com",
            "management.host", "127.0.0.1",
            "rules.file", "/etc/clayflow/routing.rules"));

    @Test
    void defaultsUseTheShippedRules() {
        RoutingConfig config = RoutingConfig.load(null, Map.of());

        assertThat(config.getString(RoutingConfig.APPLICATION_ID)).isEqualTo("clayflow-routing");
        assertThat(config.getString(RoutingConfig.RULES_FILE)).isEmpty();
        assertThat(config.routeRules().source()).isEqualTo("classpath:" + RouteRules.DEFAULT_RESOURCE);
    }

    @Test
    void theEnvironmentNamesTheRulesFile(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("mine.rules"), "warehouse: true\n");
        Path file = Files.writeString(dir.resolve("routing.properties"), "application.id=routing-eu\n");

        RoutingConfig config = RoutingConfig.load(file, Map.of("CLAYFLOW_ROUTING_RULES_FILE", rules.toString(),
                "CLAYFLOW_ROUTING_STREAMS_SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(config.routeRules().source()).isEqualTo(rules.toString());
        assertThat(config.routeRules().routesWithRules()).containsExactly(Route.WAREHOUSE);
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "routing-eu")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void streamsPropertiesForceExactlyOnceAndInstallTheDeadLetterHandler() {
        Properties streams = new RoutingConfig(Map.of("streams.num.stream.threads", "4")).streamsProperties();

        assertThat(streams)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4")
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterProcessingHandler.class.getName())
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "leads.dlq")
                .doesNotContainKey(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
    }

    @Test
    void anyGuaranteeButExactlyOnceIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new RoutingConfig(Map.of("streams.processing.guarantee", "at_least_once")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.processing.guarantee")
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void describeMasksSecrets() {
        String described = new RoutingConfig(Map.of("serde.basic.auth.user.info", "user:secret",
                "streams.sasl.jaas.config", "org.apache.kafka... password=\"p\";")).describe();

        assertThat(described).contains("serde.basic.auth.user.info=[hidden]")
                .contains("streams.sasl.jaas.config=[hidden]").doesNotContain("secret").doesNotContain("password=");
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheClosestKnownKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routing.properties"), "rule.file=/etc/clayflow/routing.rules\n");

        assertThatThrownBy(() -> RoutingConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("Unknown routing setting 'rule.file' (did you mean 'rules.file'?)");
        assertThatThrownBy(() -> RoutingConfig.load(null, Map.of("CLAYFLOW_ROUTING_APPLICATION_IDS", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown routing setting 'application.ids' (did you mean 'application.id'?)");
    }

    static Stream<String> documentedKeys() {
        return RoutingConfig.LOADER.definition().names().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedKeys")
    void everyDocumentedKeyIsSettableFromTheEnvironment(String key) {
        ConfigDef.ConfigKey defined = RoutingConfig.LOADER.definition().configKeys().get(key);
        String value = SAMPLES.sample(defined);

        RoutingConfig config = RoutingConfig.load(null, Map.of(AppSettings.envName("routing", key), value));

        assertThat(config.values().get(key)).isEqualTo(ConfigDef.parseType(key, value, defined.type));
    }

    @Test
    void theOldMetricsKeysStillWorkAndWarnNamingTheNewOnes() {
        AppSettings settings = RoutingConfig.LOADER.settings();

        RoutingConfig config = new RoutingConfig(settings.resolve(Map.of("metrics.host", "127.0.0.1",
                "metrics.port", "9999")));

        assertThat(config.managementHost()).isEqualTo("127.0.0.1");
        assertThat(config.managementPort()).isEqualTo(9999);
        assertThat(settings.deprecations()).hasSize(2)
                .anySatisfy(warning -> assertThat(warning).contains("'metrics.host'", "use 'management.host'"))
                .anySatisfy(warning -> assertThat(warning).contains("'metrics.port'", "use 'management.port'",
                        "CLAYFLOW_ROUTING_MANAGEMENT_PORT"));
    }
}
