package io.clayflow.connect.clay;

import io.clayflow.connect.ConfigGroup;
import io.clayflow.schemas.Topics;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The Clay sink's "State topic" group: the compacted topic of its webhook counts and its progress per outbox partition,
 * and the Kafka client that reads and writes it. The keys keep the {@code clay.webhook.quota.} names they had when the
 * topic held the quota alone (a contract); the topic's default name says both ({@link Topics#CLAY_SINK_STATE}).
 */
public final class StateTopicSettings {

    public static final String TOPIC = "clay.webhook.quota.topic";
    public static final String BOOTSTRAP_SERVERS = "clay.webhook.quota.bootstrap.servers";
    /** Any Kafka client setting of the state topic's producer and consumer, e.g. SASL, under this prefix. */
    public static final String CLIENT_PREFIX = "clay.webhook.quota.client.";

    private StateTopicSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        return ConfigGroup.of(def, "State topic")
                .define(TOPIC, Type.STRING, Topics.CLAY_SINK_STATE, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Compacted topic of the sink's state: submissions per webhook and, per outbox partition, the "
                                + "rows Clay took, so both survive restarts. Created if missing. Under the default "
                                + "name, the state kept under the old default, " + Topics.LEGACY_CLAY_WEBHOOK_QUOTA
                                + ", is carried over on the first start.", "State topic")
                .define(BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Kafka cluster of the state topic (the worker's, so the outbox topic's id can be checked "
                                + "there). Other client settings go under " + CLIENT_PREFIX + ".",
                        "State topic cluster")
                .def();
    }
}
