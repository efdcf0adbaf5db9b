package io.clayflow.fakes.outreach;

/** A prospect's enrolment in a sequence, sent from a mailbox: what {@code POST /api/v2/sequenceStates} creates. */
public record SequenceState(long id, long prospectId, long sequenceId, long mailboxId, String state) {
}
