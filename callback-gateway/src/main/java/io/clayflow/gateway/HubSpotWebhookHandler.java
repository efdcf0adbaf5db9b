package io.clayflow.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.clayflow.schemas.ContactChange;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/hubspot/webhook}: HubSpot's webhook deliveries (a JSON array of events). A delivery that is not
 * signed by the app's client secret, or is stale, is 401 ({@link HubSpotSignature}). Each {@code contact.creation} and
 * {@code contact.propertyChange} event becomes a {@link ContactChange} keyed by the contact id; an event id already
 * published (HubSpot retries a delivery it saw fail) is recognised and not published again; other subscription types
 * are acknowledged and ignored. 200 only once Kafka acknowledged every new event, so HubSpot retries what was not.
 */
final class HubSpotWebhookHandler implements Handler<RoutingContext> {

    static final Set<String> CONTACT_EVENTS = Set.of("contact.creation", "contact.propertyChange");

    private final HubSpotSignature signature;
    private final Optional<String> publicUrl;
    private final WebhookEventIds seen;
    private final KafkaPublisher publisher;
    private final GatewayMetrics metrics;
    private final String topic;

    HubSpotWebhookHandler(HubSpotSignature signature, Optional<String> publicUrl, WebhookEventIds seen,
            KafkaPublisher publisher, GatewayMetrics metrics, String topic) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
        this.seen = Objects.requireNonNull(seen, "seen");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public void handle(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String uri = publicUrl.map(url -> url + (ctx.request().query() == null ? "" : "?" + ctx.request().query()))
                .orElseGet(() -> ctx.request().absoluteURI());
        Optional<String> refused = signature.refusal(ctx.request().method().name(), uri, body,
                ctx.request().getHeader(HubSpotSignature.TIMESTAMP_HEADER),
                ctx.request().getHeader(HubSpotSignature.SIGNATURE_HEADER));
        if (refused.isPresent()) {
            metrics.hubspotWebhook("refused", 1);
            ctx.fail(ApiError.of(401, "Not a valid HubSpot webhook delivery: " + refused.get()).asException());
            return;
        }
        List<ContactChange> changes;
        try {
            changes = changes(new JsonArray(ctx.body().buffer()));
        } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
            ctx.fail(ApiError.of(400, "A HubSpot webhook delivery is a JSON array of events with eventId, "
                    + "subscriptionType, objectId and occurredAt: " + e.getMessage()).asException());
            return;
        }
        List<ProducerRecord<String, Object>> records = new ArrayList<>();
        int repeated = 0;
        for (ContactChange change : changes) {
            if (!seen.claim(change.getEventId())) {
                repeated++;
            } else {
                records.add(new ProducerRecord<>(topic, Long.toString(change.getContactId()), change));
            }
        }
        metrics.hubspotWebhook("repeated", repeated);
        int repeatedEvents = repeated;
        if (records.isEmpty()) {
            respond(ctx, 0, repeatedEvents);
            return;
        }
        publisher.publish(records).onSuccess(acked -> {
            metrics.hubspotWebhook("published", records.size());
            respond(ctx, records.size(), repeatedEvents);
        }).onFailure(error -> {
            records.forEach(record -> seen.release(((ContactChange) record.value()).getEventId()));
            ctx.fail(error);
        });
    }

    private static List<ContactChange> changes(JsonArray events) {
        List<ContactChange> changes = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.getJsonObject(i);
            String type = event.getString("subscriptionType");
            if (!CONTACT_EVENTS.contains(type)) {
                continue;
            }
            Object eventId = Objects.requireNonNull(event.getValue("eventId"), "events[" + i + "].eventId");
            changes.add(ContactChange.newBuilder().setEventId(eventId.toString())
                    .setContactId(Long.parseLong(String.valueOf(Objects.requireNonNull(event.getValue("objectId"),
                            "events[" + i + "].objectId"))))
                    .setSubscriptionType(type).setPropertyName(event.getString("propertyName"))
                    .setChangeSource(event.getString("changeSource"))
                    .setPortalId(event.getValue("portalId") == null ? null
                            : Long.parseLong(event.getValue("portalId").toString()))
                    .setOccurredAt(Instant.ofEpochMilli(Long.parseLong(String.valueOf(Objects.requireNonNull(
                            event.getValue("occurredAt"), "events[" + i + "].occurredAt")))))
                    .build());
        }
        return changes;
    }

    private static void respond(RoutingContext ctx, int published, int repeated) {
        ErrorResponder.reply(ctx, 200, Map.of(), new JsonObject().put("published", published)
                .put("repeated", repeated));
    }
}
