package io.clayflow.schemas;

import io.clayflow.config.WireNames;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The records of intake's throttle state store ({@link StateStores.Intake#THROTTLE_STATE}) as its changelog holds
 * them, one constant a figure: its UTF-8 key is the figure's {@link #key()} (the constant's name in lower case,
 * dotted: {@code budget.spent}), its value a long in Kafka's {@code Serdes.Long()} form (8 bytes, big-endian). The
 * status app reads the backlog and the budget from the changelog; intake writes them.
 */
public enum ThrottleState {
    /** The sequence number the next lead entering the backlog gets. */
    BACKLOG_NEXT_SEQ,
    /** The sequence number of the oldest lead still in the backlog. */
    BACKLOG_HEAD_SEQ,
    /** The token bucket's content, in millionths of a token. */
    BUCKET_MICRO_TOKENS,
    /** When the bucket was last refilled, epoch milliseconds. */
    BUCKET_REFILLED_AT_MS,
    /** When the current budget period began, epoch milliseconds. */
    BUDGET_PERIOD_START_MS,
    /** Clay Actions spent in the current budget period (the key of the one meter before Data Credits had theirs). */
    BUDGET_SPENT,
    /** Clay Data Credits spent in the current budget period. */
    BUDGET_DATA_CREDITS_SPENT;

    private final String key = WireNames.dotted(this);

    /** The figure's key in the store and its changelog, e.g. {@code budget.data.credits.spent}. */
    public String key() {
        return key;
    }

    /** A changelog value: the figure, or empty for a tombstone (or anything that is not 8 bytes). */
    public static OptionalLong decode(byte[] value) {
        return value == null || value.length != Long.BYTES ? OptionalLong.empty()
                : OptionalLong.of(ByteBuffer.wrap(value).getLong());
    }

    /** A figure as the changelog holds it: what {@link #decode} reads back. */
    public static byte[] encode(long figure) {
        return ByteBuffer.allocate(Long.BYTES).putLong(figure).array();
    }

    /** Leads waiting in the backlog, from its two sequence numbers (a head never written is 0). */
    public static long waiting(long nextSeq, OptionalLong headSeq) {
        return nextSeq - headSeq.orElse(0);
    }
}
