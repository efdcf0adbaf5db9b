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
 * docker-compose sets {@code consumer.isolation.level=read_committed}; the connectors {@code ./clayflow up} creates set
 * {@code consumer.override.isolation.level=read_committed}, and docker-compose's worker, which forbids every override
 * ({@code connector.client.config.override.policy=None}), has its connectors say {@code read.committed.by.worker=true}:
 * without one or the other a clayflow connector refuses to start.
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
        assertThat(connectors().all()).filteredOn(spec -> spec.name().endsWith("-sink")).hasSize(4)
                .allSatisfy(spec -> assertThat(spec.config())
                        .as(spec.name()).containsEntry("consumer.override.isolation.level", "read_committed"));
        // The one source produces to leads.raw; it reads no pipeline topic through a sink consumer.
        assertThat(connectors().all()).filteredOn(spec -> !spec.name().endsWith("-sink"))
                .extracting(ConnectorSpec::name).containsExactly("hubspot-source");
    }

    @Test
    void theWorkerOfDockerComposeReadsCommittedRecordsOnly() throws IOException {
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(ROOT.resolve("docker/connect/connect-distributed.properties"))) {
            worker.load(in);
        }
        assertThat(worker.getProperty("consumer.isolation.level")).isEqualTo("read_committed");
        assertThat(worker.getProperty("connector.client.config.override.policy"))
                .as("connectors may not override client settings").isEqualTo("None");
    }

    @Test
    void everyConnectorOfDockerComposeReliesOnItsWorkerForCommittedRecords() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(ROOT.resolve("docker/connect/connectors"))) {
            files = listed.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(files).hasSize(4);
        for (Path file : files) {
            JsonNode config = new ObjectMapper().readTree(file.toFile());
            assertThat(config.has("consumer.override.isolation.level")).as(file.getFileName() + ": the worker's "
                    + "override policy None refuses every consumer.override.*").isFalse();
            assertThat(config.path("read.committed.by.worker").asText()).as(file.getFileName().toString())
                    .isEqualTo("true");
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
