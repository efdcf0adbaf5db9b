package io.clayflow.testsupport;

import io.clayflow.localservers.KraftBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker with {@link InJvmKafkaBroker}'s settings whose {@link #stopBroker()} stops it (its log
 * directory stays) and {@link #startBroker()} starts it again on the same port with the same data: a real broker
 * outage, for the test that owns it.
 *
 * <p>Not shared through {@link ClayflowIntegrationTest}: a test starts its own, since stopping it would break every
 * other class on the same broker.
 */
public final class RestartableKafkaBroker extends InJvmKafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(RestartableKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private RestartableKafkaBroker(KraftBroker broker, Path home) {
        super(broker, home);
    }

    /** Formats, starts and waits for a new broker in a temporary directory (deleted on {@link #close()}). */
    public static RestartableKafkaBroker start() {
        return startNew(RestartableKafkaBroker::new);
    }

    /** Stops the broker (the log directory stays): clients see their connections closed and new ones refused. */
    public void stopBroker() {
        long start = System.nanoTime();
        broker().stop();
        LOG.info("Stopped the broker at {} in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** Starts the broker again, on the same port and with the same logs, and waits until it answers. */
    public void startBroker() {
        long start = System.nanoTime();
        broker().start();
        broker().awaitReady(READY_TIMEOUT);
        LOG.info("Started the broker at {} again in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Override
    public String toString() {
        return "restartable KRaft broker at " + bootstrapServers();
    }
}
