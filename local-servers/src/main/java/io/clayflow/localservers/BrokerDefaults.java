package io.clayflow.localservers;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The settings every local broker runs with (the stack's, the tests', a container's): one node, cheap, strict. */
public final class BrokerDefaults {

    /**
     * Replication factors and ISR are 1 because there is one node (transactions, {@code exactly_once_v2} and consumer
     * groups would otherwise never get their internal topics); internal topics get few partitions and the log
     * cleaner a small buffer (the default 128 MiB is heap a local broker never needs); topics are never auto-created,
     * so what forgets to create one fails instead of working by accident.
     */
    public static final Map<String, String> COMMON = new TreeMap<>(Map.ofEntries(
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("background.threads", "4"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024)),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("num.io.threads", "4"),
            Map.entry("num.network.threads", "2"),
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1")));

    private BrokerDefaults() {
    }

    /** {@link #COMMON} as environment variables of the {@code apache/kafka} image ({@code a.b} → {@code KAFKA_A_B}). */
    public static Map<String, String> asContainerEnvironment() {
        Map<String, String> env = new TreeMap<>();
        COMMON.forEach((key, value) -> env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }
}
