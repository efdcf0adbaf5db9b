package io.clayflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Streams app's {@code /health/live} and {@code /health/ready} as a Kubernetes probe sees them, on a real broker:
 * both 200 while Kafka Streams is {@code RUNNING}; both 503 once it is closed ({@code NOT_RUNNING}) or has failed for
 * good ({@code ERROR}). The app runs in {@link StreamsAppRunner}, as its {@code main} runs it; a thin subclass per
 * app names the app and its topics.
 */
@ClayflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AbstractStreamsHealthIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A schema id no registry in the test has handed out, so no client has it cached. */
    private static final int UNKNOWN_SCHEMA_ID = 987_654;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The app under test, configured with exactly these settings over its shipped defaults. */
    protected abstract StreamsApp app(Map<String, String> settings);

    /** Every topic the app reads or writes; the first is its input. */
    protected abstract List<String> topics();

    @BeforeAll
    void createTopics(KafkaBroker kafka) {
        topics().forEach(topic -> kafka.createTopic(topic, 1));
    }

    @Test
    void liveAndReadyWhileRunningThenBoth503OnceStreamsIsClosed(KafkaBroker kafka, SchemaRegistryServer registry)
            throws IOException {
        StreamsClientHandle client = StreamsClientHandle.keeping();
        try (StreamsAppRunner runner = new StreamsAppRunner(app(settings(kafka, registry.url(), "health-closed")),
                Duration.ofSeconds(10), client)) {
            runner.start();

            awaitLiveAndReady(runner);
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.RUNNING);

            client.streams().close(Duration.ofSeconds(10));

            assertThat(client.streams().state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            assertThat(probe(runner, "/health/live")).isEqualTo(503);
            assertThat(probe(runner, "/health/ready")).isEqualTo(503);
        }
    }

    @Test
    void bothProbesAnswer503OnceStreamsHasFailedForGood(KafkaBroker kafka) throws IOException {
        // Nothing listens at this registry, so the first record (any schema id) fails its stream thread: a fault
        // that is not the record's, which the app never dead-letters.
        Map<String, String> settings = settings(kafka, "http://127.0.0.1:" + closedPort(), "health-error");
        settings.put(StreamsAppConfig.SERDE_PREFIX + "max.retries", "0");
        StreamsClientHandle client = StreamsClientHandle.failingForGood();
        try (StreamsAppRunner runner = new StreamsAppRunner(app(settings), Duration.ofSeconds(10), client)) {
            runner.start();
            awaitLiveAndReady(runner);

            // The Confluent wire format: magic byte 0, the schema id, then (never read) Avro bytes.
            kafka.produce(topics().get(0), "k", ByteBuffer.allocate(7).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID)
                    .put(new byte[] {2, 'x'}).array());

            await("Kafka Streams in ERROR").atMost(TIMEOUT).until(runner::state,
                    state -> state == KafkaStreams.State.ERROR);
            assertThat(probe(runner, "/health/live")).isEqualTo(503);
            assertThat(probe(runner, "/health/ready")).isEqualTo(503);
        }
    }

    private Map<String, String> settings(KafkaBroker kafka, String registryUrl, String applicationId)
            throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put(StreamsAppConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl);
        settings.put(StreamsAppConfig.APPLICATION_ID, getClass().getSimpleName() + "-" + applicationId);
        settings.put(StreamsAppConfig.MANAGEMENT_HOST, "127.0.0.1");
        settings.put(StreamsAppConfig.MANAGEMENT_PORT, "0");
        settings.put(StreamsAppConfig.STREAMS_PREFIX + "state.dir",
                Files.createTempDirectory(applicationId).toString());
        settings.put(StreamsAppConfig.STREAMS_PREFIX + "num.standby.replicas", "0");
        return settings;
    }

    private void awaitLiveAndReady(StreamsAppRunner runner) {
        await("/health/live and /health/ready answer 200").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(probe(runner, "/health/live")).as("/health/live").isEqualTo(200);
                    assertThat(probe(runner, "/health/ready")).as("/health/ready").isEqualTo(200);
                });
    }

    private int probe(StreamsAppRunner runner, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runner.managementPort() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
