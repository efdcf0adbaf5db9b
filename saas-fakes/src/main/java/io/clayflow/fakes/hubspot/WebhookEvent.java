package io.clayflow.fakes.hubspot;

import io.vertx.core.json.JsonObject;

/** One event of a HubSpot webhook delivery, as HubSpot writes it. */
record WebhookEvent(long eventId, String subscriptionType, String objectId, String propertyName, String propertyValue,
                    String changeSource, long occurredAt) {

    static final long PORTAL_ID = 62515;
    static final long APP_ID = 1001;

    JsonObject toJson(int attempt) {
        JsonObject json = new JsonObject().put("eventId", eventId).put("subscriptionId", 1)
                .put("portalId", PORTAL_ID).put("appId", APP_ID).put("occurredAt", occurredAt)
                .put("subscriptionType", subscriptionType).put("attemptNumber", attempt)
                .put("objectId", Long.parseLong(objectId)).put("changeSource", changeSource);
        if (propertyName != null) {
            json.put("propertyName", propertyName).put("propertyValue", propertyValue);
        } else {
            json.put("changeFlag", "CREATED");
        }
        return json;
    }
}
