package io.clayflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** What {@code -Dclayflow.kafka=testcontainers} does on a machine without Docker, with Testcontainers' real probe. */
class TestcontainersFallbackIT {

    @Test
    void withoutDockerTheTestcontainersModeStartsAWorkingInJvmBrokerAndSaysWhy() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "Docker is available here: nothing to fall back from");
        KafkaBackendSelector selector = new KafkaBackendSelector(Map.of("clayflow.kafka", "testcontainers")::get,
                Map.<String, String>of()::get, () -> DockerClientFactory.instance().isDockerAvailable());

        try (CapturedLog log = CapturedLog.of(KafkaBackendSelector.class); KafkaBroker broker = selector.start()) {
            broker.createTopic("fallback-it", 1);
            broker.produce("fallback-it", "lead-1", "hello".getBytes(StandardCharsets.UTF_8));

            assertThat(broker).isInstanceOf(InJvmKafkaBroker.class);
            assertThat(broker.consume("fallback-it", 1, Duration.ofSeconds(30)))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("WARN ")
                    .contains("clayflow.kafka=testcontainers")
                    .contains("Docker is unavailable"));
        }
    }
}
