package io.clayflow.intake;

/**
 * Thrown by a processor that refuses a record on purpose, so {@link DeadLetterProcessingHandler} dead-letters the
 * source record's original bytes with the stage and rule. It is an expected outcome, not a bug: no stack trace.
 */
public class LeadRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String rule;

    public LeadRejectedException(String stage, RuleViolation violation) {
        super(violation.message(), null, false, false);
        this.stage = stage;
        this.rule = violation.rule();
    }

    public String stage() {
        return stage;
    }

    public String rule() {
        return rule;
    }
}
