package io.clayflow.cli.dlq;

import java.time.Instant;

/**
 * Which dead letters a command acts on: a stage and a reason (exact, or a prefix ending in {@code *}), and a time
 * range on the dead letter's timestamp ({@code from} inclusive, {@code to} exclusive). A null part matches anything.
 */
public record DeadLetterFilter(String stage, String reason, Instant from, Instant to) {

    public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null);

    public boolean matches(DeadLetterEntry entry) {
        return matches(stage, entry.info().stage()) && matches(reason, entry.info().reason())
                && (from == null || !entry.timestamp().isBefore(from))
                && (to == null || entry.timestamp().isBefore(to));
    }

    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return value.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(value);
    }
}
