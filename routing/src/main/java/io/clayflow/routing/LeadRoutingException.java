package io.clayflow.routing;

/**
 * Thrown by the routing processor for a record it refuses on purpose (it does not decode, has no lead_id, or a rule
 * fails for it), so {@link RoutingDeadLetterHandler} dead-letters the source record's original bytes with the stage
 * and reason. The cause, when there is one, is what the dead letter's exception headers name.
 */
public class LeadRoutingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stage;
    private final String reason;

    public LeadRoutingException(String stage, String reason, String message, Throwable cause) {
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
}
