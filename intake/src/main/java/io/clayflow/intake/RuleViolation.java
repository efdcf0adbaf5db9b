package io.clayflow.intake;

import java.util.Objects;

/**
 * A validation rule a lead broke: {@code rule} is stable and machine-readable ({@code email.syntax},
 * {@code identity.missing}, {@code first_name.too_long}, ...), {@code message} says what was wrong for a person.
 */
public record RuleViolation(String rule, String message) {

    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
