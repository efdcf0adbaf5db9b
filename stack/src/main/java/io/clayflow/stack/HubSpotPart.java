package io.clayflow.stack;

import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The HubSpot fake in this JVM (contacts batch upsert with HubSpot's auth, limits and errors), accepting the stack's
 * generated private-app token: where the CRM sink delivers {@code leads.route.crm}.
 */
public final class HubSpotPart implements StackPart {

    private final StackConfig config;
    private final StackSecrets secrets;
    private final HttpProbe http = new HttpProbe();
    private HubSpotSimulator hubspot;

    public HubSpotPart(StackConfig config, StackSecrets secrets) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public String name() {
        return "hubspot-fake";
    }

    /** The running fake (its contacts and counters), for the status screen and tests. */
    public HubSpotSimulator hubspot() {
        if (hubspot == null) {
            throw new IllegalStateException("The HubSpot fake is not running");
        }
        return hubspot;
    }

    @Override
    public void start() {
        hubspot = HubSpotSimulator.start(HubSpotConfig.builder()
                .host(config.host())
                .port(config.port(StackConfig.HUBSPOT_PORT))
                .token(secrets.hubspotToken().value())
                .build());
    }

    @Override
    public boolean isReady() {
        return hubspot != null && http.status(URI.create(config.hubspotUrl() + "/health")) == 200;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("contacts batch upsert", "POST " + config.hubspotUrl()
                        + "/crm/v3/objects/contacts/batch/upsert"),
                new Endpoint("contacts and counters", config.hubspotUrl() + "/admin/contacts, /admin/stats"));
    }

    @Override
    public void stop() {
        if (hubspot != null) {
            hubspot.close();
            hubspot = null;
        }
    }

    @Override
    public boolean isStopped() {
        return hubspot == null;
    }
}
