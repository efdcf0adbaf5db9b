package io.clayflow.streams;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The check of a duration setting: an ISO-8601 duration above zero (surrounding white space ignored), refused naming
 * the key otherwise. Such settings are {@code STRING}s so that the value reads as written; the Streams apps read them
 * with {@link StreamsAppConfig#getDuration(String)}.
 */
public final class PositiveDuration implements ConfigDef.Validator {

    private final String examples;

    /** @param examples what the refusal offers instead, e.g. {@code "PT30M or PT2H"} */
    public PositiveDuration(String examples) {
        this.examples = examples;
    }

    /** The duration a checked value holds. */
    public static Duration parse(Object value) {
        return Duration.parse(String.valueOf(value).strip());
    }

    @Override
    public void ensureValid(String name, Object value) {
        try {
            Duration duration = parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new ConfigException(name, value, "must be a positive duration");
            }
        } catch (DateTimeParseException e) {
            throw new ConfigException(name, value, "must be an ISO-8601 duration such as " + examples);
        }
    }

    @Override
    public String toString() {
        return "an ISO-8601 duration > 0, e.g. " + examples;
    }
}
