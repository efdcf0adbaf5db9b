package io.clayflow.stack;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.topology.intake.IntakeApp;
import io.clayflow.topology.intake.IntakeConfig;
import io.clayflow.topology.intake.IntakeTopology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake topology ({@code leads.raw} → validate, normalize, dedupe, throttle → {@code leads.clay.outbox}) in this
 * JVM, its state stores under {@code <data>/streams}: dedupe memory, backlog and credit budget survive a restart.
 */
public final class IntakePart implements StackPart {

    private static final Logger LOG = LoggerFactory.getLogger(IntakePart.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final StackConfig config;
    private final IntakeConfig intakeConfig;
    private SpecificAvroSerde<Lead> leadSerde;
    private KafkaStreams streams;

    public IntakePart(StackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.intakeConfig = intakeConfig();
    }

    @Override
    public String name() {
        return "intake";
    }

    /** Intake's shipped defaults, then {@code override.intake.*}, then the stack's broker, registry and state dir. */
    IntakeConfig intakeConfig() {
        Map<String, Object> props = new LinkedHashMap<>(IntakeConfig.classpathDefaults());
        props.putAll(config.overrides("intake"));
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, config.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, config.registryUrl());
        props.put(IntakeConfig.STREAMS_PREFIX + "state.dir", config.dataDir().resolve("streams").toString());
        return new IntakeConfig(props);
    }

    public IntakeConfig configuration() {
        return intakeConfig;
    }

    @Override
    public void start() {
        LOG.info("Starting intake with:\n{}", intakeConfig.describe());
        leadSerde = new SpecificAvroSerde<>();
        leadSerde.configure(intakeConfig.serdeConfigs(), false);
        streams = new KafkaStreams(IntakeTopology.build(intakeConfig, leadSerde), intakeConfig.streamsProperties());
        // As IntakeApp: what reaches here is the registry or the cluster being unavailable, not a bad record
        // (those are dead-lettered); a new thread resumes from the last committed transaction.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Intake stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        IntakeApp.warmUpOutboxSerializer(leadSerde);
        streams.start();
    }

    @Override
    public boolean isReady() {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }

    @Override
    public String notReadyReason() {
        return streams == null ? "" : "Kafka Streams is " + streams.state();
    }

    /** The running Streams instance, for metrics. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("Streams application", intakeConfig.getString(IntakeConfig.APPLICATION_ID)
                + ", state in " + config.dataDir().resolve("streams")));
    }

    @Override
    public void stop() {
        if (streams != null) {
            // Leave the group: the next start gets its tasks at once instead of after session.timeout.ms.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            streams = null;
        }
        if (leadSerde != null) {
            leadSerde.close();
            leadSerde = null;
        }
    }

    @Override
    public boolean isStopped() {
        return streams == null;
    }
}
