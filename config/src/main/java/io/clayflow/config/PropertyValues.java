package io.clayflow.config;

import java.time.Duration;
import java.util.Map;

/** Typed reads of merged settings, failing with a message that names the key and the bad value. */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** The trimmed value of a key that must be set. */
    public static String required(Map<String, String> props, String key) {
        String value = props.get(key);
        if (value == null || value.isBlank()) {
            throw bad(key, "", "is required");
        }
        return value.trim();
    }

    /** A whole number within [min, max]. */
    public static long longIn(Map<String, String> props, String key, long min, long max) {
        String value = required(props, key);
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw bad(key, value, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(key, value, "must be a whole number");
        }
    }

    /** A duration given in milliseconds, at least {@code min}. */
    public static Duration millis(Map<String, String> props, String key, long min) {
        return Duration.ofMillis(longIn(props, key, min, Long.MAX_VALUE / 1_000_000));
    }

    /** The error for a bad value: {@code Invalid value '<value>' for <key>: <why>}. */
    public static IllegalArgumentException bad(String key, String value, String why) {
        return new IllegalArgumentException("Invalid value '" + value + "' for " + key + ": " + why);
    }
}
