package io.clayflow.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The names enum constants go by outside the code (a header value, a state key, a configuration value), and reading
 * them back. {@link #dotted} is the rule several contracts follow: the constant's name in lower case with {@code .}
 * for {@code _} ({@code INTAKE_COST_ACTUAL} is {@code intake.cost.actual}), so such an enum needs no field for its
 * names; renaming one of its constants renames it on the wire, so each enum using the rule pins its names in a test.
 */
public final class WireNames {

    private WireNames() {
    }

    /** {@code constant}'s name in lower case, each {@code _} a {@code .}. */
    public static String dotted(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The constant of {@code type} that {@code nameOf} gives {@code name}; empty when none does (or it is null). */
    public static <E extends Enum<E>> Optional<E> find(Class<E> type, Function<? super E, String> nameOf,
            String name) {
        for (E constant : type.getEnumConstants()) {
            if (nameOf.apply(constant).equals(name)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
