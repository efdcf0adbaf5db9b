package io.clayflow.topology.intake;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping intake");
            streams.close(CLOSE_TIMEOUT);
            leadSerde.close();
            stopped.countDown();
        }, "intake-shutdown"));
        streams.start();
        stopped.await();
    }
}
