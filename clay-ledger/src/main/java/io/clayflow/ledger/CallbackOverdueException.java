package io.clayflow.ledger;

/** Why a row is dead-lettered as overdue: Clay accepted it and did not call back in time. Never thrown. */
final class CallbackOverdueException extends Exception {

    private static final long serialVersionUID = 1L;

    CallbackOverdueException(String message) {
        super(message, null, false, false);
    }
}
