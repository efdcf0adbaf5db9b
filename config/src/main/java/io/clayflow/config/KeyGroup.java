package io.clayflow.config;

import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Declares the keys of one group of a {@link ConfigDef}, one call a key: the group, the order within it and the
 * display width are filled in, so a definition says only what differs (key, type, default, check, importance, name,
 * documentation). The order continues after the keys the group already has, so a group can be declared in parts.
 */
public final class KeyGroup {

    private final ConfigDef definition;
    private final String group;
    private int order;

    private KeyGroup(ConfigDef definition, String group) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.group = Objects.requireNonNull(group, "group");
        this.order = definition.configKeys().values().stream().filter(key -> group.equals(key.group))
                .mapToInt(key -> key.orderInGroup).max().orElse(0);
    }

    /** The group {@code group} of {@code definition}; keys defined through it come after those it already holds. */
    public static KeyGroup of(ConfigDef definition, String group) {
        return new KeyGroup(definition, group);
    }

    /** Defines {@code key} with a validator; see {@link #widthOf} for its display width. */
    public KeyGroup define(String key, Type type, Object defaultValue, Validator validator, Importance importance,
            String displayName, String documentation) {
        definition.define(key, type, defaultValue, validator, importance, documentation, group, ++order, widthOf(type),
                displayName);
        return this;
    }

    /** Defines {@code key} without a validator beyond its type. */
    public KeyGroup define(String key, Type type, Object defaultValue, Importance importance, String displayName,
            String documentation) {
        return define(key, type, defaultValue, null, importance, displayName, documentation);
    }

    /** The definition the keys went into. */
    public ConfigDef definition() {
        return definition;
    }

    /** Numbers and switches are short, lists (of hosts, URLs, domains) long, text in between. */
    static Width widthOf(Type type) {
        return switch (type) {
            case BOOLEAN, INT, SHORT, LONG, DOUBLE -> Width.SHORT;
            case LIST -> Width.LONG;
            default -> Width.MEDIUM;
        };
    }
}
