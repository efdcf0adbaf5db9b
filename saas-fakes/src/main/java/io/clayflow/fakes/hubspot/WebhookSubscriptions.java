package io.clayflow.fakes.hubspot;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's webhook subscriptions ({@code contact.creation}, {@code contact.propertyChange}) as HubSpot delivers
 * them: events gathered for a moment and POSTed as one JSON array (at most 100 events), signed with
 * {@code X-HubSpot-Signature-v3} (Base64 HMAC-SHA256 of method + URL + body + timestamp, keyed with the app's client
 * secret) and {@code X-HubSpot-Request-Timestamp}; one event per changed property; a delivery answered other than
 * 2xx (or not at all) is sent again, up to 10 attempts. {@link WebhookFaults} switch on bad signatures, stale
 * timestamps, duplicate deliveries and out-of-order delivery.
 */
final class WebhookSubscriptions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSubscriptions.class);
    private static final int MAX_EVENTS = 100;
    private static final int MAX_ATTEMPTS = 10;
    private static final long RETRY_MS = 500;

    /** Where and with which secret deliveries go. */
    record Subscription(String url, String clientSecret) {
        Subscription {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }
    }

    private final Vertx vertx;
    private final WebClient client;
    private final Supplier<WebhookFaults> faults;
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private final ConcurrentLinkedQueue<WebhookEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextEventId = new AtomicLong(100_000);
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final long timer;

    WebhookSubscriptions(Vertx vertx, Supplier<WebhookFaults> faults) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.client = WebClient.create(vertx);
        this.timer = vertx.setPeriodic(100, id -> flush());
    }

    void subscribe(Subscription target) {
        subscription.set(target);
    }

    /** Called on every write of a contact: the events its subscriptions fire. */
    void written(HubSpotContact contact, boolean created, Map<String, String> changed, String changeSource) {
        if (subscription.get() == null) {
            return;
        }
        long at = contact.updatedAt().toEpochMilli();
        if (created) {
            pending.add(new WebhookEvent(nextEventId.incrementAndGet(), "contact.creation", contact.id(), null, null,
                    changeSource, at));
            return;
        }
        changed.forEach((property, value) -> pending.add(new WebhookEvent(nextEventId.incrementAndGet(),
                "contact.propertyChange", contact.id(), property, value, changeSource, at)));
    }

    private void flush() {
        Subscription target = subscription.get();
        if (target == null || pending.isEmpty()) {
            return;
        }
        List<List<WebhookEvent>> batches = new ArrayList<>();
        List<WebhookEvent> batch = new ArrayList<>();
        for (WebhookEvent event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
            if (batch.size() == MAX_EVENTS) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        WebhookFaults current = faults.get();
        if (current.outOfOrder()) {
            Collections.reverse(batches);
            batches.forEach(Collections::reverse);
        }
        for (List<WebhookEvent> events : batches) {
            send(target, events, 0);
            if (current.duplicates()) {
                send(target, events, 0);
            }
        }
    }

    private void send(Subscription target, List<WebhookEvent> events, int attempt) {
        WebhookFaults current = faults.get();
        JsonArray body = new JsonArray();
        events.forEach(event -> body.add(event.toJson(attempt)));
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        long timestamp = System.currentTimeMillis() - (current.staleTimestamp() ? 600_000 : 0);
        String secret = current.badSignature() ? "not-" + target.clientSecret() : target.clientSecret();
        deliveries.incrementAndGet();
        client.postAbs(target.url()).putHeader("Content-Type", "application/json")
                .putHeader("X-HubSpot-Request-Timestamp", Long.toString(timestamp))
                .putHeader("X-HubSpot-Signature-v3", sign(secret, "POST", target.url(), bytes,
                        Long.toString(timestamp)))
                .timeout(5_000)
                .sendBuffer(Buffer.buffer(bytes)).onComplete(result -> {
                    boolean ok = result.succeeded() && result.result().statusCode() / 100 == 2;
                    if (ok) {
                        delivered.incrementAndGet();
                        return;
                    }
                    refused.incrementAndGet();
                    if (attempt + 1 < MAX_ATTEMPTS && !current.badSignature() && !current.staleTimestamp()) {
                        vertx.setTimer(RETRY_MS, id -> send(target, events, attempt + 1));
                    } else {
                        LOG.info("Webhook delivery of {} events given up after attempt {}: {}", events.size(),
                                attempt + 1, result.succeeded() ? "HTTP " + result.result().statusCode()
                                        : result.cause().toString());
                    }
                });
    }

    /**
     * HubSpot's v3 signature as its request validation guide states it: the Base64 HMAC-SHA256, keyed with the app's
     * client secret, of one UTF-8 string, method + URI + body + timestamp. Written from the guide on its own, not
     * shared with the gateway's check, so that a misreading in one shows up as a refusal in the ITs.
     */
    static String sign(String secret, String method, String uri, byte[] body, String timestamp) {
        String source = method + uri + new String(body, StandardCharsets.UTF_8) + timestamp;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), hmac.getAlgorithm()));
            return Base64.getEncoder().encodeToString(hmac.doFinal(source.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Deliveries sent (attempts included), answered 2xx, and answered otherwise or not at all. */
    long[] counts() {
        return new long[] {deliveries.get(), delivered.get(), refused.get()};
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        client.close();
    }
}
