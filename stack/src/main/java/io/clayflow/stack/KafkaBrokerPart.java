package io.clayflow.stack;

import io.clayflow.localservers.KraftBroker;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The stack's Kafka broker: local-servers' {@link KraftBroker} (one KRaft node in this JVM) on the stack's host and
 * ports, its log under {@code <data>/kafka/logs}, so a restart resumes every topic, offset and transaction state.
 */
public final class KafkaBrokerPart implements StackPart {

    private final StackConfig config;
    private final KraftBroker broker;

    public KafkaBrokerPart(StackConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.broker = new KraftBroker(config.dataDir().resolve("kafka"), config.host(),
                config.port(StackConfig.KAFKA_PORT), config.port(StackConfig.KAFKA_CONTROLLER_PORT), settings(config));
    }

    /**
     * Over the local brokers' defaults: topics of 3 partitions like the stack's own, roomier internal topics and
     * log-cleaner buffer for a broker that keeps its data between runs; then any {@code override.broker.*}
     * setting (never the addresses and directories, which the stack owns).
     */
    private static Map<String, String> settings(StackConfig config) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("num.partitions", "3");
        settings.put("offsets.topic.num.partitions", "10");
        settings.put("transaction.state.log.num.partitions", "10");
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        settings.putAll(config.overrides("broker"));
        return settings;
    }

    @Override
    public String name() {
        return "kafka";
    }

    /** The bootstrap address clients use. */
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public boolean isReady() {
        return broker.isReady();
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("bootstrap servers", bootstrapServers()),
                new Endpoint("log directory", broker.logDirectory().toString()));
    }

    @Override
    public void stop() {
        broker.stop();
    }

    @Override
    public boolean isStopped() {
        return broker.isStopped();
    }

    /** The cluster id this data directory was formatted with, from its {@code meta.properties}. */
    public String clusterId() {
        return broker.clusterId();
    }
}
