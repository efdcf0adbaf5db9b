package io.clayflow.connect.clay;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifetime submissions per webhook against Clay's limit: picks, in configured order, the first webhook with room
 * for a batch, so sending moves on before a webhook's cap is reached; warns once at the warning ratio. Webhooks are
 * keyed by a hash of their URL, which never appears in the store or the logs.
 */
final class WebhookQuota {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookQuota.class);

    private static final Pattern HASH_KEY = Pattern.compile("[0-9a-f]{64}");

    private final List<URI> webhooks;
    private final long limit;
    private final double warnRatio;
    private final SinkStateStore store;
    private final Map<String, Long> used;

    /**
     * @param stored the store's entries at start (counts are the keys that are a webhook hash; others belong to
     *               other users of the store)
     */
    WebhookQuota(List<URI> webhooks, long limit, double warnRatio, SinkStateStore store, Map<String, String> stored) {
        this.webhooks = List.copyOf(webhooks);
        this.limit = limit;
        this.warnRatio = warnRatio;
        this.store = Objects.requireNonNull(store, "store");
        this.used = new HashMap<>();
        stored.forEach((key, count) -> {
            if (HASH_KEY.matcher(key).matches()) {
                used.put(key, Long.parseLong(count));
            }
        });
    }

    /** The first webhook that can take {@code rows} more submissions, if any. */
    Optional<URI> webhookFor(int rows) {
        return webhooks.stream().filter(webhook -> used(webhook) + rows <= limit).findFirst();
    }

    /** Counts rows Clay accepted, durably, before anything else is sent. */
    void recordSubmitted(URI webhook, int rows) {
        long before = used(webhook);
        long after = before + rows;
        store.save(Map.of(key(webhook), Long.toString(after)));
        used.put(key(webhook), after);
        long warnAt = (long) Math.ceil(limit * warnRatio);
        if (before < warnAt && after >= warnAt) {
            LOG.warn("Clay webhook #{} has used {} of its {} lifetime submissions ({}%); sending moves to the next "
                    + "webhook before the limit", index(webhook), after, limit, Math.round(100.0 * after / limit));
        }
        if (after + 1 > limit) {
            LOG.warn("Clay webhook #{} is spent ({} of {} submissions)", index(webhook), after, limit);
        }
    }

    /** Marks a webhook spent, when Clay says so before our count does (a count lost in a crash). */
    void markSpent(URI webhook) {
        store.save(Map.of(key(webhook), Long.toString(limit)));
        used.put(key(webhook), limit);
        LOG.warn("Clay refused webhook #{} as spent; it will not be used again", index(webhook));
    }

    long used(URI webhook) {
        return used.getOrDefault(key(webhook), 0L);
    }

    long limit() {
        return limit;
    }

    List<URI> webhooks() {
        return webhooks;
    }

    /** 1-based position of a webhook in the configuration: how logs name it without showing its URL. */
    int index(URI webhook) {
        return webhooks.indexOf(webhook) + 1;
    }

    static String key(URI webhook) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(webhook.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
