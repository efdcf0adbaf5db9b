package io.clayflow.schemas;

import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The records of intake's throttle state store ({@link StateStores#INTAKE_THROTTLE_STATE}) as its changelog holds
 * them: a UTF-8 key naming a figure, its value a long in Kafka's {@code Serdes.Long()} form (8 bytes, big-endian). The
 * status app reads the backlog and the budget from the changelog; intake writes them.
 */
public final class ThrottleState {

    /** The sequence number the next lead entering the backlog gets. */
    public static final String BACKLOG_NEXT_SEQ = "backlog.next.seq";
    /** The sequence number of the oldest lead still in the backlog. */
    public static final String BACKLOG_HEAD_SEQ = "backlog.head.seq";
    /** The token bucket's content, in millionths of a token. */
    public static final String BUCKET_MICRO_TOKENS = "bucket.micro.tokens";
    /** When the bucket was last refilled, epoch milliseconds. */
    public static final String BUCKET_REFILLED_AT = "bucket.refilled.at.ms";
    /** When the current budget period began, epoch milliseconds. */
    public static final String BUDGET_PERIOD_START = "budget.period.start.ms";
    /** Clay Actions spent in the current budget period (the key of the one meter before Data Credits had theirs). */
    public static final String BUDGET_SPENT = "budget.spent";
    /** Clay Data Credits spent in the current budget period. */
    public static final String BUDGET_DATA_CREDITS_SPENT = "budget.data.credits.spent";

    private ThrottleState() {
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
