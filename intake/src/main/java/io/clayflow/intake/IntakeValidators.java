package io.clayflow.intake;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** The checks of intake's settings that ConfigDef does not have built in. */
final class IntakeValidators {

    private IntakeValidators() {
    }

    /** An ISO-8601 duration above zero. */
    static ConfigDef.Validator positiveDuration() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    Duration duration = Duration.parse(String.valueOf(value).trim());
                    if (duration.isNegative() || duration.isZero()) {
                        throw new ConfigException(name, value, "must be a positive duration");
                    }
                } catch (DateTimeParseException e) {
                    throw new ConfigException(name, value, "must be an ISO-8601 duration such as P30D, PT12H or PT0.5S");
                }
            }

            @Override
            public String toString() {
                return "an ISO-8601 duration > 0, e.g. P30D";
            }
        };
    }

    /** A permutation of the dedupe key kinds (email, linkedin, name_domain): each exactly once. */
    static ConfigDef.Validator dedupeKeyOrder() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                List<DedupeKey.Kind> kinds = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    try {
                        kinds.add(DedupeKey.Kind.of(item.toString()));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
                if (kinds.size() != DedupeKey.Kind.values().length || Set.copyOf(kinds).size() != kinds.size()) {
                    throw new ConfigException(name, value,
                            "must list each of email, linkedin and name_domain exactly once, in the order wanted");
                }
            }

            @Override
            public String toString() {
                return "a permutation of email,linkedin,name_domain";
            }
        };
    }
}
