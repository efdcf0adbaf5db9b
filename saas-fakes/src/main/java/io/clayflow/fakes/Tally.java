package io.clayflow.fakes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts per key (per status, per refusal reason, per endpoint and status): a fake's counters bump it on the event
 * loop, and {@link #snapshot()} reads it from any thread.
 *
 * @param <K> what is counted by
 */
public final class Tally<K> {

    private final Map<K, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one more under {@code key}. */
    public void increment(K key) {
        add(key, 1);
    }

    /** Counts {@code amount} more under {@code key}. */
    public void add(K key, long amount) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(amount);
    }

    /** The count under {@code key} now, 0 when it was never counted. */
    public long count(K key) {
        LongAdder count = counts.get(key);
        return count == null ? 0 : count.sum();
    }

    /** The counts now, keys that were never counted absent. */
    public Map<K, Long> snapshot() {
        Map<K, Long> snapshot = new HashMap<>();
        counts.forEach((key, count) -> snapshot.put(key, count.sum()));
        return snapshot;
    }
}
