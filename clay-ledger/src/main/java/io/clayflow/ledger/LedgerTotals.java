package io.clayflow.ledger;

import java.nio.ByteBuffer;

/**
 * One table's running totals on one partition ({@code clay-ledger-totals}): kept in a changelogged store, so the
 * counts survive restarts and, written in the same transaction as what they count, are never counted twice.
 */
record LedgerTotals(long overdue, long late, long resent) {

    static final LedgerTotals NONE = new LedgerTotals(0, 0, 0);

    LedgerTotals plusOverdue() {
        return new LedgerTotals(overdue + 1, late, resent);
    }

    LedgerTotals plusLate() {
        return new LedgerTotals(overdue, late + 1, resent);
    }

    LedgerTotals plusResent() {
        return new LedgerTotals(overdue, late, resent + 1);
    }

    byte[] encode() {
        return ByteBuffer.allocate(3 * Long.BYTES).putLong(overdue).putLong(late).putLong(resent).array();
    }

    static LedgerTotals decode(byte[] bytes) {
        if (bytes == null) {
            return NONE;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new LedgerTotals(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
}
