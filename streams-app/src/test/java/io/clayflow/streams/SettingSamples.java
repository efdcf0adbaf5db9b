package io.clayflow.streams;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * A valid value for each key of an app's {@link ConfigDef} that differs from its default, so a test can set every
 * documented key (from the environment, say) and see that it arrived. Numbers and booleans are derived; text and
 * lists, whose validators differ per key, come from the test.
 */
public final class SettingSamples {

    private final Map<String, String> given;

    /** @param given a sample for each STRING and LIST key (those cannot be guessed) */
    public SettingSamples(Map<String, String> given) {
        this.given = Map.copyOf(given);
    }

    /** A valid value for {@code key} other than its default. */
    public String sample(ConfigKey key) {
        String value = given.containsKey(key.name) ? given.get(key.name) : derived(key);
        if (key.hasDefault() && Objects.equals(ConfigDef.parseType(key.name, value, key.type), key.defaultValue)) {
            throw new IllegalStateException("the sample of " + key.name + " is its default: it would prove nothing");
        }
        return value;
    }

    private static String derived(ConfigKey key) {
        return switch (key.type) {
            case INT -> Integer.toString((Integer) key.defaultValue + 1);
            case LONG -> Long.toString((Long) key.defaultValue + 1);
            case DOUBLE -> Double.toString((Double) key.defaultValue * 2);
            case BOOLEAN -> Boolean.toString(!(Boolean) key.defaultValue);
            default -> throw new IllegalStateException("no sample for " + key.name + " (" + key.type
                    + "): give one");
        };
    }
}
