package io.clayflow.routing;

import io.clayflow.streams.RecordRefusedException;

/**
 * Thrown by the routing processor for a record it refuses on purpose (it does not decode, has no lead_id, or a rule
 * fails for it), so the app's dead-letter handler dead-letters the source record's original bytes with the stage
 * and reason. The cause, when there is one, is what the dead letter's exception headers name.
 */
public class LeadRoutingException extends RecordRefusedException {

    private static final long serialVersionUID = 1L;

    public LeadRoutingException(String stage, String reason, String message, Throwable cause) {
        super(stage, reason, message, cause);
    }
}
