package io.clayflow.intake;

import io.clayflow.streams.RecordRefusedException;

/**
 * Thrown by a processor that refuses a lead on purpose, so the app's dead-letter handler dead-letters the source
 * record's original bytes with the stage and the rule broken as its reason.
 */
public class LeadRejectedException extends RecordRefusedException {

    private static final long serialVersionUID = 1L;

    public LeadRejectedException(String stage, RuleViolation violation) {
        super(stage, violation.rule(), violation.message(), null);
    }

    /** The rule the lead broke, e.g. {@code email.syntax}: the dead letter's reason. */
    public String rule() {
        return reason();
    }
}
