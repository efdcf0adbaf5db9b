package io.clayflow.testsupport;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft cluster (combined controller and broker, with {@link InJvmKafkaBroker}'s settings) whose broker
 * can be stopped and started again on the same port with its data: a real broker outage, for the test that owns it.
 *
 * <p>Not shared through {@link ClayflowIntegrationTest}: a test starts its own, since stopping it would break every
 * other class on the same broker.
 */
public final class RestartableKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(RestartableKafkaBroker.class);

    private final KafkaClusterTestKit cluster;
    // Captured at start: while the broker is stopped the test kit cannot tell its address.
    private final String bootstrapServers;

    private RestartableKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.bootstrapServers = cluster.bootstrapServers();
    }

    /** Formats, starts and waits for a new cluster in a temporary directory (deleted on {@link #close()}). */
    public static RestartableKafkaBroker start() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true).setNumControllerNodes(1).setNumBrokerNodes(1).build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerSettings.COMMON.forEach(builder::setConfigProp);
            builder.setConfigProp("unstable.api.versions.enable", "false");
            builder.setConfigProp("unstable.feature.versions.enable", "false");
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            RestartableKafkaBroker broker = new RestartableKafkaBroker(cluster);
            LOG.info("Started a restartable KRaft Kafka broker at {}", broker.bootstrapServers());
            return broker;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw new IllegalStateException("The restartable Kafka broker did not start", e);
        }
    }

    /**
     * Stops the broker (the KRaft controller and the log directory stay): clients see their connections closed and new
     * ones refused. Returns once it is down.
     */
    public void stopBroker() {
        long start = System.nanoTime();
        cluster.brokers().values().forEach(broker -> {
            broker.shutdown();
            broker.awaitShutdown();
        });
        LOG.info("Stopped the broker at {} in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** Starts the broker again, on the same port and with the same logs, and waits until it is ready. */
    public void startBroker() {
        long start = System.nanoTime();
        try {
            cluster.brokers().values().forEach(broker -> broker.startup());
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("The broker at " + bootstrapServers + " did not start again", e);
        }
        LOG.info("Started the broker at {} again in {} ms", bootstrapServers,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Stopping the restartable Kafka broker at " + bootstrapServers
                    + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "restartable KRaft broker at " + bootstrapServers;
    }
}
