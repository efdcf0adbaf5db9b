package io.clayflow.schemas;

/** Values of {@code Lead.source} that clayflow's own parts set and others act on. */
public final class LeadSources {

    /**
     * A lead made from a CRM contact that was created or changed (the HubSpot source); its {@code source_id} is the
     * contact's record id, and the HubSpot sink writes its enrichment back onto that contact by id.
     */
    public static final String CRM_EVENT = "crm-event";

    private LeadSources() {
    }
}
