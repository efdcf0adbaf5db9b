package io.clayflow.gateway;

import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import io.clayflow.testsupport.KafkaBroker;

/**
 * A single-node KRaft cluster (combined controller and broker, like test-support's {@code InJvmKafkaBroker}) whose
 * broker can be stopped and started again on the same port with its data: a real broker outage, for one test.
 */
final class RestartableKafkaBroker implements KafkaBroker {

    private static final Map<String, String> SETTINGS = Map.of("auto.create.topics.enable", "false",
            "offsets.topic.replication.factor", "1", "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0", "log.cleaner.dedupe.buffer.size", "2097152",
            "unstable.api.versions.enable", "false", "unstable.feature.versions.enable", "false");

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private RestartableKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    static RestartableKafkaBroker start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder().setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true).setNumControllerNodes(1).setNumBrokerNodes(1).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        SETTINGS.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new RestartableKafkaBroker(cluster);
    }

    /** Stops the broker (the controller and the log directory stay): clients see connections refused. */
    void stopBroker() {
        cluster.brokers().values().forEach(broker -> broker.shutdown());
    }

    /** Starts the broker again, on the same port and with the same logs. */
    void startBroker() throws Exception {
        cluster.brokers().values().forEach(broker -> broker.startup());
        cluster.waitForReadyBrokers();
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
            throw new IllegalStateException("Stopping the restartable broker failed", e);
        }
    }
}
