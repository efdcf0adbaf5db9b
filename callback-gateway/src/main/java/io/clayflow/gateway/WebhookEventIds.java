package io.clayflow.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HubSpot webhook event ids this gateway instance published or is publishing, for a day (HubSpot retries a
 * delivery for up to a day), at most {@code maxEntries} (oldest dropped first). An id is claimed before its publish,
 * so two deliveries of one event arriving together publish it once; a failed publish releases it, and HubSpot's retry
 * of that delivery (answered 503) publishes it then. In memory, per instance: behind a load balancer a repeat that
 * reaches another instance is published again, and the source reads the contact once more (its lead is deduplicated
 * by intake).
 */
final class WebhookEventIds {

    private final long windowMs;
    private final Clock clock;
    private final Map<String, Long> claimedAt;

    WebhookEventIds(Duration window, int maxEntries, Clock clock) {
        this.windowMs = window.toMillis();
        this.clock = clock;
        this.claimedAt = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** @return true when the id is new (now claimed), false when it was seen within the window */
    synchronized boolean claim(String eventId) {
        long now = clock.millis();
        Long at = claimedAt.get(eventId);
        if (at != null && now - at <= windowMs) {
            return false;
        }
        claimedAt.remove(eventId);
        claimedAt.put(eventId, now);
        return true;
    }

    /** The publish of this id failed: a later delivery may publish it. */
    synchronized void release(String eventId) {
        claimedAt.remove(eventId);
    }
}
