package io.clayflow.testsupport;

import java.time.Duration;
import java.util.Objects;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real single-node KRaft Kafka broker (combined controller and broker) running inside the test JVM. */
public final class InJvmKafkaBroker implements KafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(InJvmKafkaBroker.class);

    private final KafkaClusterTestKit cluster;

    private InJvmKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** Formats, starts and waits for a new broker in a temporary directory (deleted on {@link #close()}). */
    public static InJvmKafkaBroker start() {
        long startedAt = System.nanoTime();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    // The test kit defaults to the newest *testing* metadata version; run what a real cluster runs.
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(1)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
            BrokerSettings.COMMON.forEach(builder::setConfigProp);
            // The test kit turns unstable APIs and features on for Kafka's own tests; clayflow tests production ones.
            builder.setConfigProp("unstable.api.versions.enable", "false");
            builder.setConfigProp("unstable.feature.versions.enable", "false");
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeAfterFailure(cluster, e);
            throw new IllegalStateException("The in-JVM Kafka broker did not start", e);
        }
        InJvmKafkaBroker broker = new InJvmKafkaBroker(cluster);
        LOG.info("Started an in-JVM KRaft Kafka broker at {} in {} ms", broker.bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
        return broker;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Stopping the in-JVM Kafka broker at " + bootstrapServers() + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "in-JVM KRaft broker at " + bootstrapServers();
    }

    private static void closeAfterFailure(KafkaClusterTestKit cluster, Exception failure) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
