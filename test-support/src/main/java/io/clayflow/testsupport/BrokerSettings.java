package io.clayflow.testsupport;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The broker configuration every {@link KafkaBroker} back-end runs with: one node, cheap, strict about topics. */
final class BrokerSettings {

    /**
     * Broker configs shared by all back-ends. Replication factors and ISR are 1 because there is one node (transactions
     * and consumer groups would otherwise never get their internal topics); internal topics get few partitions and the
     * log cleaner a small buffer because a test broker holds little data and the defaults cost heap and start-up time;
     * topics are never auto-created so a test that forgets to create one fails instead of passing by accident.
     */
    static final Map<String, String> COMMON = new TreeMap<>(Map.ofEntries(
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("background.threads", "4"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024)),
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

    private BrokerSettings() {
    }

    /** The same settings as environment variables for the {@code apache/kafka} image ({@code a.b} → {@code KAFKA_A_B}). */
    static Map<String, String> asContainerEnvironment() {
        Map<String, String> env = new TreeMap<>();
        COMMON.forEach((key, value) -> env.put("KAFKA_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return env;
    }
}
