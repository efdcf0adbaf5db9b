package io.clayflow.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
record HubSpotWebhookHandler(PublishingRoute route, HubSpotSignature signature, Optional<String> publicUrl,
        WebhookEventIds seen, GatewayMetrics metrics) implements Handler<RoutingContext> {

    static final Set<String> CONTACT_EVENTS = Set.of("contact.creation", "contact.propertyChange");

    HubSpotWebhookHandler {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(metrics, "metrics");
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
        List<ContactChange> fresh = new ArrayList<>();
        for (ContactChange change : changes) {
            if (seen.claim(change.getEventId())) {
                fresh.add(change);
            }
        }
        int repeated = changes.size() - fresh.size();
        metrics.hubspotWebhook("repeated", repeated);
        if (fresh.isEmpty()) {
            respond(ctx, 0, repeated);
            return;
        }
        route.publish(fresh, change -> Long.toString(change.getContactId())).onSuccess(acked -> {
            metrics.hubspotWebhook("published", fresh.size());
            respond(ctx, fresh.size(), repeated);
        }).onFailure(error -> {
            fresh.forEach(change -> seen.release(change.getEventId()));
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
        PublishingRoute.answer(ctx, 200, new JsonObject().put("published", published).put("repeated", repeated));
    }
}
