package io.clayflow.connect.outreach;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Adds a prospect to the configured sequence ({@code POST /api/v2/sequenceStates}). Outreach refuses a prospect that
 * is already in the sequence with a 422; whatever that error's wording, the enroller then asks Outreach whether the
 * prospect has a state in the sequence, and if so it is enrolled: not an error, so a redelivered lead is harmless.
 */
final class SequenceEnroller {

    enum Enrolment { ENROLLED, ALREADY_ENROLLED }

    private final OutreachClient outreach;
    private final long sequenceId;
    private final long mailboxId;

    SequenceEnroller(OutreachClient outreach, long sequenceId, long mailboxId) {
        this.outreach = Objects.requireNonNull(outreach, "outreach");
        this.sequenceId = sequenceId;
        this.mailboxId = mailboxId;
    }

    /**
     * @throws OutreachRejectedException when Outreach refuses this prospect's enrolment for another reason
     * @throws ConnectException when the sequence or mailbox does not exist: a configuration error, no record's fault
     */
    Enrolment enroll(long prospectId) throws OutreachRejectedException, UnavailableException {
        HttpReply reply = outreach.post("/api/v2/sequenceStates",
                JsonApi.sequenceState(prospectId, sequenceId, mailboxId));
        if (reply.isSuccess()) {
            return Enrolment.ENROLLED;
        }
        if (reply.status() == 422 && isEnrolled(prospectId)) {
            return Enrolment.ALREADY_ENROLLED;
        }
        String errors = JsonApi.errors(reply);
        if (reply.status() == 404 && (errors.contains("'sequence'") || errors.contains("'mailbox'"))) {
            throw new ConnectException("Outreach has no such sequence or mailbox (" + errors + "): check "
                    + OutreachSinkConfig.SEQUENCE_ID + "=" + sequenceId + " and " + OutreachSinkConfig.MAILBOX_ID
                    + "=" + mailboxId);
        }
        throw new OutreachRejectedException("Outreach refused to add prospect " + prospectId + " to sequence "
                + sequenceId + " (HTTP " + reply.status() + "): " + errors);
    }

    private boolean isEnrolled(long prospectId) throws UnavailableException {
        HttpReply states = outreach.get("/api/v2/sequenceStates?filter%5Bprospect%5D%5Bid%5D=" + prospectId
                + "&filter%5Bsequence%5D%5Bid%5D=" + sequenceId);
        return states.isSuccess() && !JsonApi.list(states).isEmpty();
    }
}
