package io.clayflow.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.clay.ClayWebhookSinkConnector;
import io.clayflow.connect.hubspot.HubSpotSinkConnector;
import io.clayflow.connect.outreach.OutreachSinkConnector;
import io.clayflow.connect.warehouse.WarehouseSinkConnector;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every clayflow connector does alike: read committed records only, check its configuration, one version. */
class ClayflowSinkConnectorTest {

    static Stream<Arguments> connectors() {
        return Stream.of(
                Arguments.of("Clay", (Supplier<ClayflowSinkConnector>) ClayWebhookSinkConnector::new,
                        Map.of("clay.webhook.urls", "https://api.clay.com/v3/sources/webhook/abc",
                                "clay.webhook.quota.bootstrap.servers", "localhost:9092")),
                Arguments.of("HubSpot", (Supplier<ClayflowSinkConnector>) HubSpotSinkConnector::new,
                        Map.of("hubspot.token", "pat-na1-s3cret")),
                Arguments.of("Outreach", (Supplier<ClayflowSinkConnector>) OutreachSinkConnector::new,
                        Map.of("outreach.token", "s3cret", "outreach.sequence.id", "42", "outreach.mailbox.id", "7")),
                Arguments.of("warehouse", (Supplier<ClayflowSinkConnector>) WarehouseSinkConnector::new, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void startsWhenItsConsumerReadsCommittedRecordsOnly(String sink, Supplier<ClayflowSinkConnector> connector,
            Map<String, String> own) {
        ClayflowSinkConnector started = connector.get();
        started.start(config(own, Map.of("consumer.override.isolation.level", "read_committed")));

        assertThat(started.taskConfigs(1)).singleElement()
                .satisfies(task -> assertThat(task).containsEntry("consumer.override.isolation.level", "read_committed"));
        assertThat(started.version()).isEqualTo(PluginVersion.VERSION);
        assertThat(started.config().names()).contains("schema.registry.url", ReadCommitted.BY_WORKER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void refusesToStartWhenItsConsumerWouldReadUncommittedRecords(String sink,
            Supplier<ClayflowSinkConnector> connector, Map<String, String> own) {
        assertThatThrownBy(() -> connector.get().start(config(own, Map.of())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("consumer.override.isolation.level")
                .hasMessageContaining("read_committed").hasMessageContaining(ReadCommitted.BY_WORKER);
        assertThatThrownBy(() -> connector.get().start(config(own, Map.of("consumer.override.isolation.level",
                "read_uncommitted", ReadCommitted.BY_WORKER, "true"))))
                .as("the connector's own override wins over the worker's word")
                .isInstanceOf(ConfigException.class).hasMessageContaining("read_uncommitted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void startsOnTheWorkersWordWhenTheWorkerForbidsOverrides(String sink, Supplier<ClayflowSinkConnector> connector,
            Map<String, String> own) {
        assertThatCode(() -> connector.get().start(config(own, Map.of(ReadCommitted.BY_WORKER, "true"))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectors")
    void aBadConfigurationFailsNamingTheKey(String sink, Supplier<ClayflowSinkConnector> connector,
            Map<String, String> own) {
        Map<String, String> props = config(own, Map.of("consumer.override.isolation.level", "read_committed"));
        props.remove("schema.registry.url");

        assertThatThrownBy(() -> connector.get().start(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static Map<String, String> config(Map<String, String> own, Map<String, String> more) {
        Map<String, String> props = new HashMap<>(own);
        props.put("schema.registry.url", "http://localhost:8081");
        props.putAll(more);
        return props;
    }
}
