package io.clayflow.connect;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines one group of a sink's keys, in the order they are listed (as Connect's validation and UIs show them):
 * each key with its type, default, validator, importance, documentation and display name. The display width follows
 * the type, so a definition reads as the list of its keys.
 */
public final class ConfigGroup {

    private final ConfigDef def;
    private final String group;
    private int order;

    private ConfigGroup(ConfigDef def, String group) {
        this.def = def;
        this.group = group;
    }

    public static ConfigGroup of(ConfigDef def, String group) {
        return new ConfigGroup(def, group);
    }

    public ConfigGroup define(String key, Type type, Object defaultValue, Validator validator, Importance importance,
            String doc, String display) {
        def.define(key, type, defaultValue, validator, importance, doc, group, ++order, width(type), display);
        return this;
    }

    public ConfigGroup define(String key, Type type, Object defaultValue, Importance importance, String doc,
            String display) {
        return define(key, type, defaultValue, null, importance, doc, display);
    }

    /** The definition the group's keys went into. */
    public ConfigDef def() {
        return def;
    }

    private static Width width(Type type) {
        return switch (type) {
            case LIST -> Width.LONG;
            case STRING, PASSWORD -> Width.MEDIUM;
            default -> Width.SHORT;
        };
    }
}
