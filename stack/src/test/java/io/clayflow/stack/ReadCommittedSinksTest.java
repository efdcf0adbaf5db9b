package io.clayflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way clayflow runs Kafka Connect reads committed records only: the worker of {@code ./clayflow up} and of
 * docker-compose sets {@code consumer.isolation.level=read_committed}, and every connector configuration they create
 * sets {@code consumer.override.isolation.level=read_committed}, without which a clayflow connector refuses to start.
 */
class ReadCommittedSinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @Test
    void theWorkerOfUpReadsCommittedRecordsOnly() {
        assertThat(new ConnectPart(config(), connectors()).workerProperties())
                .containsEntry("consumer.isolation.level", "read_committed");
    }

    @Test
    void everyConnectorOfUpAsksForCommittedRecordsItself() {
        assertThat(connectors().all()).hasSize(4).allSatisfy(spec -> assertThat(spec.config())
                .as(spec.name()).containsEntry("consumer.override.isolation.level", "read_committed"));
    }

    @Test
    void theWorkerOfDockerComposeReadsCommittedRecordsOnly() throws IOException {
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("docker/connect/connect-distributed.properties"))) {
            worker.load(in);
        }
        assertThat(worker.getProperty("consumer.isolation.level")).isEqualTo("read_committed");
    }

    @Test
    void everyConnectorOfDockerComposeAsksForCommittedRecordsItself() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(ROOT.resolve("docker/connect/connectors"))) {
            files = listed.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSize(4);
        for (Path file : files) {
            JsonNode config = new ObjectMapper().readTree(file.toFile());
            assertThat(config.path("consumer.override.isolation.level").asText()).as(file.getFileName().toString())
                    .isEqualTo("read_committed");
        }
    }

    private StackConfig config() {
        return StackConfig.load(null, Map.of(), Map.of(StackConfig.DATA_DIR, data.toString()));
    }

    private StackConnectors connectors() {
        StackConfig config = config();
        return new StackConnectors(config, StackSecrets.loadOrCreate(config.dataDir(), new SecureRandom()),
                "http://127.0.0.1:8090/webhooks/default");
    }
}
