package io.clayflow.status.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.config.AppSettings;
import io.clayflow.schemas.Topics;
import io.clayflow.intake.IntakeConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * The status app reads its settings like every app; its budget is intake's own setting, by the same key and the same
 * environment variable, so docker-compose's {@code CLAY_CREDITS_PER_DAY} reaches both.
 */
class StatusConfigTest {

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheClosestKnownKey() {
        assertThatThrownBy(() -> StatusConfig.withOverrides(Map.of("refresh.mss", "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown status setting 'refresh.mss' (did you mean 'refresh.ms'?)");
    }

    @Test
    void everyKeyIsSettableFromTheEnvironment() {
        Map<String, String> values = Map.ofEntries(Map.entry("bootstrap.servers", "kafka:19092"),
                Map.entry("schema.registry.url", "http://registry:8080/apis/ccompat/v7"),
                Map.entry("management.host", "127.0.0.1"), Map.entry("management.port", "9999"),
                Map.entry("refresh.ms", "700"), Map.entry("timeout.ms", "800"),
                Map.entry("intake.application.id", "my-intake"), Map.entry("routing.application.id", "my-routing"),
                Map.entry("dlq.topic", "my.dlq"), Map.entry("clay.sink.state.topics", "a,b"),
                Map.entry("replay.log.topic", "my.replays"), Map.entry("webhook.submission.limit", "42"),
                Map.entry("budget.credits.per.period", "77"));
        assertThat(values.keySet()).containsExactlyInAnyOrderElementsOf(StatusConfig.definition().names());
        Map<String, String> environment = new HashMap<>();
        values.forEach((key, value) -> environment.put(AppSettings.envName(StatusConfig.APP, key), value));

        StatusConfig config = StatusConfig.load(null, environment);

        values.forEach((key, value) -> assertThat(String.valueOf(config.originals().get(key))).as(key)
                .isEqualTo(value));
        assertThat(config.management().port()).isEqualTo(9999);
        assertThat(config.limits().creditsPerPeriod()).isEqualTo(77);
        assertThat(config.names().claySinkStateTopics()).containsExactly("a", "b");
        assertThat(config.cluster().bootstrapServers()).isEqualTo("kafka:19092");
    }

    @Test
    void theBudgetIsIntakesKeyAndIntakesVariableSetsItToo() {
        assertThat(StatusConfig.BUDGET_CREDITS_PER_PERIOD).isEqualTo(IntakeConfig.BUDGET_CREDITS_PER_PERIOD);
        assertThat(StatusConfig.withOverrides(Map.of()).limits().creditsPerPeriod()).as("the same default as intake's")
                .isEqualTo(Long.parseLong(IntakeConfig.classpathDefaults().get(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD)));

        StatusConfig fromIntakes = StatusConfig.load(null, Map.of("CLAYFLOW_INTAKE_BUDGET_CREDITS_PER_PERIOD", "2500"));
        StatusConfig ownWins = StatusConfig.load(null, Map.of("CLAYFLOW_INTAKE_BUDGET_CREDITS_PER_PERIOD", "2500",
                "CLAYFLOW_STATUS_BUDGET_CREDITS_PER_PERIOD", "300"));

        assertThat(fromIntakes.limits().creditsPerPeriod()).isEqualTo(2500);
        assertThat(ownWins.limits().creditsPerPeriod()).isEqualTo(300);
    }

    @Test
    void theSharedConnectionVariablesAndKafkaClientSettingsReachTheReader() {
        StatusConfig config = StatusConfig.load(null, Map.of("CLAYFLOW_BOOTSTRAP_SERVERS", "broker:9092",
                "CLAYFLOW_STATUS_KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));

        assertThat(config.cluster().bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.cluster().clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("client.id", "clayflow-status");
    }

    @Test
    void byDefaultBothNamesOfTheClaySinkStateTopicAreRead() {
        assertThat(StatusConfig.withOverrides(Map.of()).names().claySinkStateTopics())
                .containsExactly(Topics.CLAY_SINK_STATE, Topics.LEGACY_CLAY_WEBHOOK_QUOTA);
        assertThat(StatusConfig.definition().configKeys().get(StatusConfig.CLAY_SINK_STATE_TOPICS).type)
                .isEqualTo(ConfigDef.Type.LIST);
        assertThat(StatusConfig.withOverrides(Map.of()).management().port()).isEqualTo(9193);
        assertThat(List.of(StatusConfig.withOverrides(Map.of()).names().intakeApplicationId()))
                .containsExactly("clayflow-intake");
    }
}
