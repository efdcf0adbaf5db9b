package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.localservers.BrokerDefaults;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class KafkaBackendSelectorTest {

    private final AtomicInteger dockerProbes = new AtomicInteger();

    @Test
    void runsInTheJvmByDefaultWithoutProbingDocker() {
        assertThat(selector(Map.of(), Map.of(), true).select()).isEqualTo(KafkaBackend.IN_JVM);
        assertThat(dockerProbes).hasValue(0);
    }

    @Test
    void runsInTheJvmWhenAskedFor() {
        assertThat(selector(Map.of("clayflow.kafka", "in-jvm"), Map.of(), true).select())
                .isEqualTo(KafkaBackend.IN_JVM);
    }

    @Test
    void runsOnTestcontainersWhenAskedForAndDockerIsAvailable() {
        assertThat(selector(Map.of("clayflow.kafka", "testcontainers"), Map.of(), true).select())
                .isEqualTo(KafkaBackend.TESTCONTAINERS);
    }

    @Test
    void fallsBackToTheJvmWithAWarningWhenDockerIsUnavailable() {
        try (CapturedLog log = CapturedLog.of(KafkaBackendSelector.class)) {
            assertThat(selector(Map.of(), Map.of("CLAYFLOW_KAFKA", "testcontainers"), false).select())
                    .isEqualTo(KafkaBackend.IN_JVM);

            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN ")
                    .contains("Docker is unavailable")
                    .contains("falling back to the in-JVM KRaft broker");
        }
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentAndCaseDoesNotMatter() {
        KafkaBackendSelector selector = selector(Map.of("clayflow.kafka", " TestContainers "),
                Map.of("CLAYFLOW_KAFKA", "in-jvm"), true);

        assertThat(selector.select()).isEqualTo(KafkaBackend.TESTCONTAINERS);
    }

    @Test
    void anUnknownBackEndIsAnErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> selector(Map.of("clayflow.kafka", "docker"), Map.of(), true).select())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("in-jvm, testcontainers");
    }

    @Test
    void theContainerImageMatchesTheClientsUnlessConfigured() {
        assertThat(selector(Map.of(), Map.of(), true).image()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(selector(Map.of(), Map.of("CLAYFLOW_KAFKA_IMAGE", "apache/kafka-native:4.1.0"), true).image())
                .isEqualTo("apache/kafka-native:4.1.0");
    }

    @Test
    void theContainerGetsTheSameBrokerSettingsAsEnvironmentVariables() {
        assertThat(BrokerDefaults.asContainerEnvironment())
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .hasSameSizeAs(BrokerDefaults.COMMON);
    }

    private KafkaBackendSelector selector(Map<String, String> properties, Map<String, String> environment,
            boolean dockerAvailable) {
        return new KafkaBackendSelector(properties::get, environment::get, () -> {
            dockerProbes.incrementAndGet();
            return dockerAvailable;
        });
    }
}
