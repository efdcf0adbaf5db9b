package io.clayflow.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per {@code lead_id}, the hash of the last content published and when, so a replayed callback (Clay's
 * auto-update re-running with the same inputs) is answered without a second publish. Per gateway instance and in
 * memory: bounded to {@code maxEntries} (least recently used evicted first), entries older than {@code window}
 * ignored, emptied by a restart. Behind a load balancer a replay that reaches another instance is published again,
 * which is harmless downstream (same key, same content).
 */
final class ReplayCache {

    private record Entry(String hash, long storedAtMillis) {
    }

    private final Duration window;
    private final Clock clock;
    private final Map<String, Entry> entries;

    ReplayCache(Duration window, int maxEntries, Clock clock) {
        this.window = window;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    boolean enabled() {
        return !window.isZero();
    }

    /** Whether {@code hash} is what was last published for {@code leadId} within the window. */
    synchronized boolean isReplay(String leadId, String hash) {
        if (!enabled()) {
            return false;
        }
        Entry entry = entries.get(leadId);
        if (entry == null) {
            return false;
        }
        if (clock.millis() - entry.storedAtMillis() > window.toMillis()) {
            entries.remove(leadId);
            return false;
        }
        return entry.hash().equals(hash);
    }

    /** Records a published (acknowledged) content. */
    synchronized void published(String leadId, String hash) {
        if (enabled()) {
            entries.put(leadId, new Entry(hash, clock.millis()));
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
