package io.clayflow.connect.outreach;

/** Outreach refused a prospect or its enrolment as bad (a 4xx that blames the record): it goes to the DLQ. */
final class OutreachRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    OutreachRejectedException(String message) {
        super(message, null, false, false);
    }
}
