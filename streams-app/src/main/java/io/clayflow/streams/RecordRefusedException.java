package io.clayflow.streams;

/**
 * Thrown by a processor that refuses a record on purpose (it breaks a rule, does not decode, or has nothing to key it
 * by), so that {@link DeadLetterProcessingHandler} dead-letters the source record's original bytes with this stage
 * and reason. An expected outcome, not a bug: no stack trace is filled in.
 */
public abstract class RecordRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String reason;

    /**
     * @param stage where the record was refused, one of {@link io.clayflow.schemas.Stage}
     * @param reason the stable, machine-readable reason: the rule that failed, a {@link DecodeFailure} reason, ...
     * @param cause what the dead letter's exception headers name instead of this exception, when there is one
     */
    protected RecordRefusedException(String stage, String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.stage = stage;
        this.reason = reason;
    }

    public String stage() {
        return stage;
    }

    public String reason() {
        return reason;
    }

    /** What the dead letter's exception headers describe: the cause when there is one, else this refusal. */
    public Throwable detail() {
        return getCause() == null ? this : getCause();
    }

    /** Whether the dead letter carries the detail's stack trace: only where someone needs it to find a bug. */
    public boolean withStackTrace() {
        return DecodeFailure.INVALID.reason().equals(reason);
    }
}
