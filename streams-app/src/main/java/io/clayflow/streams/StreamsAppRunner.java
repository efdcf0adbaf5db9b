package io.clayflow.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link StreamsApp}: the one place a clayflow Streams app is started and stopped, by its own {@code main}
 * and by {@code ./clayflow up} alike.
 *
 * <p>{@link #start()}, in this order: (1) log the settings, secrets masked; (2) build the topology; (3) create
 * Kafka Streams with an uncaught-exception handler that replaces a failed stream thread; (4) bind the management
 * port ({@code /metrics}, {@code /health/live}, {@code /health/ready}) before any thread runs, so a port in use
 * fails the start naming it; (5) the app's {@link StreamsApp#beforeStart()}; (6) start Streams.
 *
 * <p>{@link #close()}, in this order: (1) the management port, so no scrape reads metrics Streams is removing and
 * probes fail at once; (2) Kafka Streams, leaving the group so a restarted instance gets its tasks at once instead
 * of after {@code session.timeout.ms}; (3) the app's resources (serdes), which stream threads use until they stop.
 * {@link #runUntilShutdown()} adds the JVM shutdown hook that closes, and waits for it.
 */
public final class StreamsAppRunner implements AutoCloseable {

    /** How long a close waits for Streams to commit and leave the group when nobody says otherwise. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(StreamsAppRunner.class);

    private final StreamsApp app;
    private final Duration closeTimeout;
    private final BiFunction<Topology, Properties, KafkaStreams> streamsFactory;
    private KafkaStreams streams;
    private StreamsManagementEndpoint management;
    private boolean closed;

    public StreamsAppRunner(StreamsApp app, Duration closeTimeout) {
        this(app, closeTimeout, KafkaStreams::new);
    }

    /** @param streamsFactory creates the Kafka Streams client; tests pass one that keeps a handle on it */
    public StreamsAppRunner(StreamsApp app, Duration closeTimeout,
            BiFunction<Topology, Properties, KafkaStreams> streamsFactory) {
        this.app = Objects.requireNonNull(app, "app");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
        this.streamsFactory = Objects.requireNonNull(streamsFactory, "streamsFactory");
    }

    /**
     * A Streams app's {@code main}: loads the app from the optional properties file in {@code args[0]} and the
     * environment, exits 2 naming the bad setting when it cannot, else runs it until the JVM shuts down.
     */
    public static void main(String name, String[] args, BiFunction<Path, Map<String, String>, StreamsApp> loader)
            throws InterruptedException {
        StreamsApp app;
        try {
            app = loader.apply(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        } catch (ConfigException e) {
            LOG.error("Invalid {} configuration: {}", name, e.getMessage());
            System.exit(2);
            return;
        }
        new StreamsAppRunner(app, DEFAULT_CLOSE_TIMEOUT).runUntilShutdown();
    }

    /** Starts the app (see the class comment for the order); a failure closes what was started and is thrown. */
    public synchronized void start() {
        if (streams != null || closed) {
            throw new IllegalStateException(name() + " was started before");
        }
        StreamsAppConfig config = app.config();
        LOG.info("Starting {} with:\n{}", name(), config.describe());
        try {
            streams = streamsFactory.apply(app.buildTopology(), config.streamsProperties());
            // What reaches here is not a bad record (those are dead-lettered) but the registry or the cluster being
            // unavailable: a new thread resumes from the last committed transaction.
            streams.setUncaughtExceptionHandler(exception -> {
                LOG.error("{} stream thread failed; replacing it", name(), exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            ManagementAddress address = config.management();
            if (address.served()) {
                management = StreamsManagementEndpoint.start(streams, name(), address.host(), address.port());
                LOG.info("Serving {} metrics and health at http://{}:{}/metrics, /health/live, /health/ready",
                        name(), address.host(), management.port());
            }
            app.beforeStart();
            streams.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the app, closes it when the JVM shuts down, and returns once it has closed. */
    public void runUntilShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, name() + "-shutdown"));
        start();
        stopped.await();
    }

    /** The client's state; {@code CREATED} before {@link #start()}, {@code NOT_RUNNING} after {@link #close()}. */
    public synchronized KafkaStreams.State state() {
        if (streams == null) {
            return closed ? KafkaStreams.State.NOT_RUNNING : KafkaStreams.State.CREATED;
        }
        return streams.state();
    }

    /** Processing now: what {@code /health/ready} answers 200 for. */
    public boolean isReady() {
        return StreamsHealth.isReady(state());
    }

    /** The management port bound, or -1 when none is served (or the app is not started). */
    public synchronized int managementPort() {
        return management == null ? -1 : management.port();
    }

    /** Stops the app (see the class comment for the order); a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping {}", name());
        if (management != null) {
            management.close();
            management = null;
        }
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(closeTimeout));
            streams = null;
        }
        app.close();
    }

    private String name() {
        return app.config().app();
    }
}
