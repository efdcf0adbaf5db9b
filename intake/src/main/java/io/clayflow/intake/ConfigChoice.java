package io.clayflow.intake;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A setting's value that is one of a fixed set of words, each the constant of an enum that implements this: the
 * word is the constant's name in lower case ({@code name_domain} for {@code NAME_DOMAIN}), read case-insensitively.
 */
public interface ConfigChoice {

    /** The enum constant's name. */
    String name();

    /** The configuration value, e.g. {@code cached}. */
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The choice a value names.
     *
     * @param what what the value chooses, for the refusal, e.g. "cache policy"
     * @throws IllegalArgumentException naming the value and the words expected
     */
    static <E extends Enum<E> & ConfigChoice> E of(Class<E> type, String what, String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (E choice : type.getEnumConstants()) {
            if (choice.id().equals(wanted)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("Unknown " + what + " '" + id + "': expected " + expected(type));
    }

    /** The words of the choices: {@code cached, drop or reenrich}. */
    static <E extends Enum<E> & ConfigChoice> String expected(Class<E> type) {
        List<String> ids = Arrays.stream(type.getEnumConstants()).map(ConfigChoice::id).toList();
        return ids.size() == 1 ? ids.get(0)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }

    /** The check of a setting that names one choice: refused naming the key and the words expected. */
    static <E extends Enum<E> & ConfigChoice> ConfigDef.Validator validator(Class<E> type, String what) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    of(type, what, String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return expected(type);
            }
        };
    }
}
