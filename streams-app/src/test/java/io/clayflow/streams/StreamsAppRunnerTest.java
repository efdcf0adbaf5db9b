package io.clayflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's start and close around a failure, without a broker (Kafka Streams is created but never started). */
class StreamsAppRunnerTest {

    @TempDir
    Path stateDir;

    @Test
    void aManagementPortInUseFailsTheStartNamingItAndClosesWhatWasCreated() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RecordingApp app = new RecordingApp(config(taken.getLocalPort()));
            StreamsAppRunner runner = new StreamsAppRunner(app, Duration.ofSeconds(5));

            assertThatThrownBy(runner::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());

            assertThat(app.events).containsExactly("buildTopology", "close");
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
            assertThat(runner.managementPort()).isEqualTo(-1);
        }
    }

    @Test
    void closeClosesTheAppOnceAfterStreams() {
        RecordingApp app = new RecordingApp(config(-1));
        StreamsAppRunner runner = new StreamsAppRunner(app, Duration.ofSeconds(5));

        runner.close();
        runner.close();

        assertThat(app.events).containsExactly("close");
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);
    }

    private TestConfig config(int managementPort) {
        return new TestConfig(Map.of(StreamsAppConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1",
                StreamsAppConfig.MANAGEMENT_HOST, "127.0.0.1",
                StreamsAppConfig.MANAGEMENT_PORT, Integer.toString(managementPort),
                StreamsAppConfig.STREAMS_PREFIX + "state.dir", stateDir.toString()));
    }

    /** The least a Streams app's settings can be. */
    static final class TestConfig extends StreamsAppConfig {

        TestConfig(Map<String, String> props) {
            super(defineCommon(new org.apache.kafka.common.config.ConfigDef(), "runner-test", "test", 0), props,
                    "test", "tests want it too");
        }

        @Override
        protected Class<? extends DeserializationExceptionHandler> deserializationExceptionHandler() {
            return null;
        }
    }

    /** An app that records what the runner asked of it. */
    static final class RecordingApp implements StreamsApp {

        final List<String> events = new ArrayList<>();
        private final TestConfig config;

        RecordingApp(TestConfig config) {
            this.config = config;
        }

        @Override
        public StreamsAppConfig config() {
            return config;
        }

        @Override
        public Topology buildTopology() {
            events.add("buildTopology");
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(Topics.LEADS_RAW).to(Topics.LEADS_DLQ);
            return builder.build();
        }

        @Override
        public void beforeStart() {
            events.add("beforeStart");
        }

        @Override
        public void close() {
            events.add("close");
        }
    }
}
