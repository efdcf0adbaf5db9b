package io.clayflow.intake;

/**
 * A token bucket in micro-tokens, so refills add up exactly: {@code ratePerSecond} tokens a second, at most
 * {@code burst} held. Time is whatever clock the caller passes (the Streams wall clock); a clock that goes back, as
 * after a move to a host whose clock is behind, adds nothing rather than taking tokens away.
 */
record TokenBucket(double ratePerSecond, int burst) {

    static final long MICROS_PER_TOKEN = 1_000_000L;

    /** Tokens held (in micro-tokens) and when they were last topped up. */
    record State(long microTokens, long refilledAtMs) {

        long wholeTokens() {
            return microTokens / MICROS_PER_TOKEN;
        }

        State take(long tokens) {
            return new State(microTokens - tokens * MICROS_PER_TOKEN, refilledAtMs);
        }
    }

    TokenBucket {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
    }

    /** A full bucket: a fresh intake may send one burst at once. */
    State full(long nowMs) {
        return new State(capacity(), nowMs);
    }

    /** The bucket topped up for the time since its last refill; unchanged when not even one micro-token is due. */
    State refill(State state, long nowMs) {
        long elapsed = nowMs - state.refilledAtMs();
        if (elapsed <= 0) {
            return state;
        }
        long due = (long) Math.floor(ratePerSecond * MICROS_PER_TOKEN * elapsed / 1000.0);
        if (due <= 0) {
            return state;
        }
        return new State(Math.min(capacity(), state.microTokens() + due), nowMs);
    }

    private long capacity() {
        return burst * MICROS_PER_TOKEN;
    }
}
