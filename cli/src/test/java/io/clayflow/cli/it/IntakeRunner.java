package io.clayflow.cli.it;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/** The real intake app, in this JVM, against the test's broker and registry: what the CLI's commands act on. */
final class IntakeRunner implements AutoCloseable {

    private final SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>();
    private final KafkaStreams streams;

    IntakeRunner(KafkaBroker kafka, SchemaRegistryServer registry, Path stateDir, Map<String, String> overrides)
            throws IOException {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(IntakeConfig.APPLICATION_ID, "clayflow-intake");
        props.put(IntakeConfig.THROTTLE_RATE_PER_SECOND, "100000");
        props.put(IntakeConfig.THROTTLE_BURST, "100000");
        props.put("streams.state.dir", Files.createDirectories(stateDir).toString());
        props.put("streams.commit.interval.ms", "100");
        props.put("streams.num.standby.replicas", "0");
        props.putAll(overrides);
        IntakeConfig config = new IntakeConfig(props);
        serde.configure(config.serdeConfigs(), false);
        streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties());
        streams.start();
    }

    SpecificAvroSerde<Lead> serde() {
        return serde;
    }

    @Override
    public void close() {
        // Leaving the group, as the app's own runner (StreamsAppRunner) does: an intake restarted with the same
        // application id gets its tasks at once, not after the session timeout (45 s) of the one closed here.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        serde.close();
    }
}
