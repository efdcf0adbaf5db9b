package io.clayflow.stack;

/**
 * The secrets the local stack generates ({@link StackSecrets}), each under its key in the secrets file. Every part
 * that needs one asks {@link StackSecrets#get} for it, and a connector names it by reference
 * ({@link StackConnectors#secretRef}).
 */
public enum StackSecret {

    /** The bearer token Clay's HTTP API column (here: the simulator) sends to the gateway's callback endpoint. */
    CALLBACK_TOKEN("gateway.callback.token"),
    /** The bearer token for {@code POST /v1/leads} on the gateway. */
    LEADS_TOKEN("gateway.leads.token"),
    /** The token the Clay sink sends in {@code x-clay-webhook-auth}, which the simulator's webhook requires. */
    WEBHOOK_TOKEN("clay.webhook.token"),
    /** The private-app token the HubSpot fake accepts and the HubSpot sink sends. */
    HUBSPOT_TOKEN("hubspot.token"),
    /** The HubSpot app's client secret: the HubSpot fake signs its webhook deliveries with it, the gateway checks. */
    HUBSPOT_WEBHOOK_SECRET("hubspot.webhook.client.secret"),
    /** The OAuth access token the Outreach fake accepts and the outreach sink sends. */
    OUTREACH_TOKEN("outreach.token");

    private final String key;

    StackSecret(String key) {
        this.key = key;
    }

    /** Its key in the secrets file. */
    public String key() {
        return key;
    }
}
