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
        super("hubspot-fake", config, secrets, config.hubspotUrl());
    }


    @Override
    HubSpotSimulator launch() {
        return HubSpotSimulator.start(HubSpotConfig.builder()
                .host(config.host())
                .port(config.port(StackConfig.HUBSPOT_PORT))
                .token(secrets.hubspotToken().value())
                .build());
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("contacts batch upsert", "POST " + config.hubspotUrl()
                        + "/crm/v3/objects/contacts/batch/upsert"),
                new Endpoint("contacts and counters", config.hubspotUrl() + "/admin/contacts, /admin/stats"));
    }
}
