package io.clayflow.intake;

import io.clayflow.streams.PositiveDuration;
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
        return new PositiveDuration("P30D, PT12H or PT0.5S");
    }

    /** A permutation of the dedupe key kinds (email, linkedin, name_domain): each exactly once. */
    static ConfigDef.Validator dedupeKeyOrder() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                List<DedupeKey.Kind> kinds;
                try {
                    kinds = DedupeKey.order(((List<?>) value).stream().map(String::valueOf).toList());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
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
