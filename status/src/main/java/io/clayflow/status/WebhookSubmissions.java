package io.clayflow.status;

import io.clayflow.schemas.ClaySinkState;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Each Clay webhook's lifetime submissions from the Clay sink's state topics (records keyed as {@link ClaySinkState}
 * says; progress records are not counts). The sink's topic was renamed, and both names are read: a count only grows,
 * so where both hold a webhook the larger is its count.
 */
final class WebhookSubmissions {

    private final Map<String, Map<String, Long>> byTopic = new HashMap<>();

    void add(String topic, byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        String webhook = new String(key, StandardCharsets.UTF_8);
        Map<String, Long> counts = byTopic.computeIfAbsent(topic, t -> new HashMap<>());
        OptionalLong submissions = ClaySinkState.webhookSubmissions(webhook,
                value == null ? null : new String(value, StandardCharsets.UTF_8));
        if (submissions.isPresent()) {
            counts.put(webhook, submissions.getAsLong());
        } else if (value == null) {
            counts.remove(webhook);
        }
    }

    /** Submissions per webhook (a hash of its URL), across every state topic read. */
    Map<String, Long> perWebhook() {
        Map<String, Long> merged = new TreeMap<>();
        byTopic.values().forEach(counts -> counts.forEach((webhook, count) -> merged.merge(webhook, count, Math::max)));
        return merged;
    }
}
