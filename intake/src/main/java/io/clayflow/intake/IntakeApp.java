package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.StreamsMetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the intake topology: loads {@link IntakeConfig} (an optional properties file as the only argument), starts
 * Kafka Streams with {@code exactly_once_v2}, and closes it on shutdown.
 */
public final class IntakeApp {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private IntakeApp() {
    }

    /**
     * Registers (or looks up) the outbox schema before the first release. Otherwise the throttle's first burst waits
     * on that registry call while its token bucket keeps filling, and the next second sends more than the burst.
     */
    public static void warmUpOutboxSerializer(SpecificAvroSerde<Lead> leadSerde) {
        Lead probe = Lead.newBuilder().setLeadId("warm-up").setEmail("warm-up@clayflow.invalid").setSource("intake")
                .setOccurredAt(Instant.EPOCH).build();
        try {
            leadSerde.serializer().serialize(Topics.LEADS_CLAY_OUTBOX, probe);
        } catch (RuntimeException e) {
            LOG.warn("Could not reach the schema registry before starting ({}); the first release will retry",
                    e.getMessage());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        IntakeConfig config;
        try {
            config = IntakeConfig.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        } catch (ConfigException e) {
            LOG.error("Invalid intake configuration: {}", e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("Starting intake with:\n{}", config.describe());

        SpecificAvroSerde<Lead> leadSerde = new SpecificAvroSerde<>();
        leadSerde.configure(config.serdeConfigs(), false);
        KafkaStreams streams = new KafkaStreams(IntakeTopology.build(config, leadSerde), config.streamsProperties());
        // A failure that reaches here is not a bad record (those are dead-lettered) but the registry or the cluster
        // being unavailable: replace the thread, which resumes from the last committed transaction.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Intake stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        Optional<StreamsMetricsEndpoint> metrics = StreamsMetricsEndpoint.startConfigured(streams, "intake", config);
        metrics.ifPresent(endpoint -> LOG.info("Serving metrics for Prometheus at http://{}:{}/metrics",
                config.metricsHost(), endpoint.port()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping intake");
            // Leave the group on the way out: a restarted instance then gets its tasks at once instead of waiting
            // session.timeout.ms for this member to be declared dead.
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            leadSerde.close();
            metrics.ifPresent(StreamsMetricsEndpoint::close);
            stopped.countDown();
        }, "intake-shutdown"));
        warmUpOutboxSerializer(leadSerde);
        streams.start();
        stopped.await();
    }
}
