package io.clayflow.ledger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * What the ledger holds of one {@code lead_id} (its row store, {@code clay-ledger-rows}).
 *
 * @param status where the row stands
 * @param sentAt when Clay accepted the row (epoch ms); for {@link Status#CALLED_BACK} the callback's time
 * @param since when the status began (epoch ms): overdue since, re-sent at, called back at
 * @param table the Clay table
 * @param webhook the webhook's id (a hash of its URL)
 * @param lead the outbox record's bytes, for the dead letter and a re-send (empty for {@link Status#CALLED_BACK})
 */
record LedgerEntry(Status status, long sentAt, long since, String table, String webhook, byte[] lead) {

    private static final byte VERSION = 1;

    enum Status {
        /** Accepted by Clay, awaiting its callback. */
        OPEN,
        /** No callback within the table's timeout; dead-lettered once. Still awaited: a late callback closes it. */
        OVERDUE,
        /** Overdue and put back on the outbox on request; its clock restarts at {@code since}. */
        RESENT,
        /**
         * A callback with no open row: it came before its sent record (or a re-sent row's), which it then closes
         * at once. Forgotten after the longest timeout.
         */
        CALLED_BACK
    }

    LedgerEntry {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(webhook, "webhook");
        lead = lead == null ? new byte[0] : lead;
    }

    static LedgerEntry open(long sentAt, String table, String webhook, byte[] lead) {
        return new LedgerEntry(Status.OPEN, sentAt, sentAt, table, webhook, lead);
    }

    static LedgerEntry calledBack(long at, String table) {
        return new LedgerEntry(Status.CALLED_BACK, at, at, table, "", null);
    }

    LedgerEntry with(Status newStatus, long newSince) {
        return new LedgerEntry(newStatus, sentAt, newSince, table, webhook, lead);
    }

    /** Awaiting a callback: open, overdue or re-sent. */
    boolean awaited() {
        return status != Status.CALLED_BACK;
    }

    /** When the row's timeout started: its send, or for a re-sent row the re-send. */
    long clockStart() {
        return status == Status.RESENT ? since : sentAt;
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + lead.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(status.ordinal());
            out.writeLong(sentAt);
            out.writeLong(since);
            out.writeUTF(table);
            out.writeUTF(webhook);
            out.writeInt(lead.length);
            out.write(lead);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LedgerEntry decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Ledger entry of version " + version + ", this ledger reads "
                        + VERSION);
            }
            Status status = Status.values()[in.readByte()];
            long sentAt = in.readLong();
            long since = in.readLong();
            String table = in.readUTF();
            String webhook = in.readUTF();
            byte[] lead = new byte[in.readInt()];
            in.readFully(lead);
            return new LedgerEntry(status, sentAt, since, table, webhook, lead);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
