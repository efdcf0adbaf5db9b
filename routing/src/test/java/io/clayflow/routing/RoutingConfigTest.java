package io.clayflow.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults, overrides, pass-through and start-up validation of the routing configuration. */
class RoutingConfigTest {

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
                        RoutingDeadLetterHandler.class.getName())
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
}
