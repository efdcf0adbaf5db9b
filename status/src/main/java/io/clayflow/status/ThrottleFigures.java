package io.clayflow.status;

import io.clayflow.schemas.ThrottleState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Intake's throttle as its state store's changelog holds it (format: {@link ThrottleState}): leads waiting in the
 * backlog, credits spent in the current period and when that period began. The last record of a key wins, a tombstone
 * removes it, as compaction would.
 */
final class ThrottleFigures {

    private final Map<String, Long> figures = new HashMap<>();

    void add(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        String name = new String(key, StandardCharsets.UTF_8);
        OptionalLong figure = ThrottleState.decode(value);
        if (figure.isPresent()) {
            figures.put(name, figure.getAsLong());
        } else {
            figures.remove(name);
        }
    }

    /** Leads waiting, or null when the backlog never held one and the changelog is not there either. */
    Long waiting(boolean changelogExists) {
        Long next = figures.get(ThrottleState.BACKLOG_NEXT_SEQ.key());
        if (next == null) {
            return changelogExists ? 0L : null;
        }
        Long head = figures.get(ThrottleState.BACKLOG_HEAD_SEQ.key());
        return ThrottleState.waiting(next, head == null ? OptionalLong.empty() : OptionalLong.of(head));
    }

    /** Clay Actions spent in the current period. */
    Long creditsSpent() {
        return figures.get(ThrottleState.BUDGET_SPENT.key());
    }

    /** Clay Data Credits spent in the current period (0 while the Actions figure exists without it). */
    Long dataCreditsSpent() {
        Long spent = figures.get(ThrottleState.BUDGET_DATA_CREDITS_SPENT.key());
        return spent != null ? spent : figures.containsKey(ThrottleState.BUDGET_SPENT.key()) ? Long.valueOf(0) : null;
    }

    Instant periodStart() {
        Long start = figures.get(ThrottleState.BUDGET_PERIOD_START_MS.key());
        return start == null ? null : Instant.ofEpochMilli(start);
    }
}
