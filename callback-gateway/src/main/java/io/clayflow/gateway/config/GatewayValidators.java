package io.clayflow.gateway.config;

import io.clayflow.gateway.ColumnMapping;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The gateway's own value checks, each failing with the key and what a good value looks like. */
final class GatewayValidators {

    private GatewayValidators() {
    }

    /** A whole number in {@code [min, max]}, or {@code auto}. */
    static ConfigDef.Validator countOrAuto(int min, int max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
                if (text.equals(HttpConfig.AUTO)) {
                    return;
                }
                try {
                    int count = Integer.parseInt(text);
                    if (count >= min && count <= max) {
                        return;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new ConfigException(name, value, "must be auto or a number from " + min + " to " + max);
            }

            @Override
            public String toString() {
                return "auto, or [" + min + ",...," + max + "]";
            }
        };
    }

    /** A text setting that was given: empty when it is null or blank. */
    static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }

    /** A column mapping {@link ColumnMapping#parse} accepts. */
    static ConfigDef.Validator columnMapping() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    ColumnMapping.parse(value == null ? "" : value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "Clay Column:field,...";
            }
        };
    }
}
