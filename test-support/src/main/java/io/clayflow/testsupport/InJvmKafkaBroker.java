package io.clayflow.testsupport;

import io.clayflow.localservers.KraftBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker (combined controller and broker) running inside the test JVM: the same
 * {@link KraftBroker} {@code clayflow up} runs, on free loopback ports, in a temporary directory deleted on
 * {@link #close()}.
 */
public class InJvmKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(InJvmKafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;

    private final KraftBroker broker;
    private final Path home;

    InJvmKafkaBroker(KraftBroker broker, Path home) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.home = Objects.requireNonNull(home, "home");
    }

    /** Formats, starts and waits for a new broker in a temporary directory (deleted on {@link #close()}). */
    public static InJvmKafkaBroker start() {
        return startNew(InJvmKafkaBroker::new);
    }

    /** Starts a broker on fresh ports and directory, trying others when a port was taken between probe and bind. */
    static <B extends InJvmKafkaBroker> B startNew(Wrapper<B> wrapper) {
        long startedAt = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Path home = temporaryDirectory();
            KraftBroker broker = new KraftBroker(home, "127.0.0.1", FreePort.find(), FreePort.find(), Map.of());
            try {
                broker.start();
                broker.awaitReady(READY_TIMEOUT);
                LOG.info("Started an in-JVM KRaft Kafka broker at {} in {} ms", broker.bootstrapServers(),
                        Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
                return wrapper.wrap(broker, home);
            } catch (RuntimeException e) {
                broker.stop();
                deleteRecursively(home);
                if (attempt >= START_ATTEMPTS) {
                    throw new IllegalStateException("The in-JVM Kafka broker did not start", e);
                }
                LOG.warn("The in-JVM Kafka broker at {} did not start ({}): trying other ports", broker.bootstrapServers(),
                        e.getMessage());
            }
        }
    }

    /** Makes the public broker type from a started {@link KraftBroker} and its directory. */
    interface Wrapper<B> {
        B wrap(KraftBroker broker, Path home);
    }

    /** The broker this wraps, for subclasses that stop and start it. */
    KraftBroker broker() {
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            broker.stop();
        } finally {
            deleteRecursively(home);
        }
    }

    @Override
    public String toString() {
        return "in-JVM KRaft broker at " + bootstrapServers();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("clayflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the broker's log", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the broker's directory {}: {}", directory, e.toString());
        }
    }
}
