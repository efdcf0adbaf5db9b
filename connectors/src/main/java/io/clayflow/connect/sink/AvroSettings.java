package io.clayflow.connect.sink;

import io.clayflow.connect.ConfigGroup;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The "Avro" group every sink shares: where the topic's schemas are. Every other key a Confluent serde knows (auth,
 * ...) passes through to the {@link RecordDecoder} as it is.
 */
public final class AvroSettings {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

    private AvroSettings() {
    }

    /** Adds the group, together with the consumer's read-committed rule ({@link ReadCommitted#define}). */
    public static ConfigDef define(ConfigDef def, String topic) {
        ConfigGroup.of(def, "Avro").define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "Schema registry of " + topic + "'s Avro values (Confluent API). Other serde settings (auth, ...) "
                        + "take Confluent's keys too.", "Schema registry");
        return ReadCommitted.define(def);
    }
}
