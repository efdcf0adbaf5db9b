package io.clayflow.stack;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import java.util.List;

/**
 * The HubSpot fake in this JVM (contacts batch upsert with HubSpot's auth, limits and errors), accepting the stack's
 * generated private-app token: where the CRM sink delivers {@code leads.route.crm}.
 */
public final class HubSpotPart extends FakeServicePart<HubSpotSimulator> {

    public HubSpotPart(StackConfig config, StackSecrets secrets) {
        super("hubspot-fake", config, secrets, config.url(StackConfig.HUBSPOT_PORT));
    }


    @Override
    HubSpotSimulator launch() {
        HubSpotSimulator hubspot = HubSpotSimulator.start(HubSpotConfig.builder()
                .host(config.host())
                .port(config.port(StackConfig.HUBSPOT_PORT))
                .token(secrets.get(StackSecret.HUBSPOT_TOKEN).value())
                .build());
        // The app's webhook subscriptions, delivered to the gateway as HubSpot would (a delivery the gateway does
        // not take yet, while it starts, is retried).
        hubspot.subscribeWebhooks(config.url(StackConfig.GATEWAY_PORT) + WEBHOOK_PATH, secrets.get(StackSecret.HUBSPOT_WEBHOOK_SECRET).value());
        return hubspot;
    }

    /** The gateway's endpoint for HubSpot's webhooks. */
    static final String WEBHOOK_PATH = "/v1/hubspot/webhook";

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("contacts batch upsert", "POST " + config.url(StackConfig.HUBSPOT_PORT)
                        + "/crm/v3/objects/contacts/batch/upsert"),
                new Endpoint("contacts search (the CRM source)", "POST " + config.url(StackConfig.HUBSPOT_PORT)
                        + "/crm/v3/objects/contacts/search"),
                new Endpoint("contacts and counters", config.url(StackConfig.HUBSPOT_PORT) + "/admin/contacts, /admin/stats"),
                new Endpoint("webhooks (contact.creation, contact.propertyChange)", "to " + config.url(StackConfig.GATEWAY_PORT)
                        + WEBHOOK_PATH));
    }
}
