package io.clayflow.schemas;

import java.util.List;

/** The names of clayflow's topics: the one place they are spelled. */
public final class Topics {

    /** Leads as upstream services produce them (Avro {@link Lead}, key optional). */
    public static final String LEADS_RAW = "leads.raw";
    /** Valid, normalized, unique leads paced for Clay (Avro {@link Lead}, key {@code lead_id}). */
    public static final String LEADS_CLAY_OUTBOX = "leads.clay.outbox";
    /** Leads Clay enriched and called back with (Avro {@link EnrichedLead}, key {@code lead_id}). */
    public static final String LEADS_ENRICHED = "leads.enriched";
    /** Enriched leads for the CRM. */
    public static final String LEADS_ROUTE_CRM = "leads.route.crm";
    /** Enriched leads for outreach sequences. */
    public static final String LEADS_ROUTE_OUTREACH = "leads.route.outreach";
    /** Enriched leads to nurture. */
    public static final String LEADS_ROUTE_NURTURE = "leads.route.nurture";
    /** Enriched leads for the warehouse. */
    public static final String LEADS_ROUTE_WAREHOUSE = "leads.route.warehouse";
    /** Dead letters of every stage: original bytes, headers with the reason. */
    public static final String LEADS_DLQ = "leads.dlq";

    /**
     * The Clay sink's own state, compacted: submissions per webhook (its lifetime quota) and, per outbox partition,
     * the offset after the last row Clay took (its progress). Keys: {@link ClaySinkState}.
     */
    public static final String CLAY_SINK_STATE = "clayflow.clay-sink-state";
    /** The Clay sink state topic's name before 0.2; still read so that an upgrade keeps its counts and progress. */
    public static final String LEGACY_CLAY_WEBHOOK_QUOTA = "clayflow.clay-webhook-quota";
    /**
     * HubSpot contacts that changed, as HubSpot's webhook subscriptions told the gateway (Avro {@link ContactChange},
     * key: the contact id); the HubSpot source reads them, reads the contacts and makes their leads.
     */
    public static final String HUBSPOT_CONTACT_CHANGES = "clayflow.hubspot.contact-changes";
    /**
     * Every row Clay accepted (2xx), one record per row, written by the Clay sink in the same transaction as its
     * progress: key {@code lead_id}, value the outbox record's bytes (Avro {@link Lead}), headers {@link ClayLedger}
     * (table, webhook id, sent at). As many partitions as {@link #LEADS_ENRICHED}: the Clay ledger joins the two.
     */
    public static final String LEADS_CLAY_SENT = "leads.clay.sent";
    /**
     * Requests to re-send overdue leads to Clay ({@code clayflow clay resend-overdue}), one per partition: the Clay
     * ledger acts on them in order with the callbacks, so a lead called back meanwhile is not re-sent. Key: a table
     * name or {@link ClayLedger#ALL_TABLES}. Co-partitioned with {@link #LEADS_CLAY_SENT}.
     */
    public static final String CLAY_RESEND_REQUESTS = "clayflow.clay-resend-requests";
    /**
     * The Clay ledger's figures per table and partition, compacted: open rows, overdue rows, the oldest open row's
     * send time, totals. Key {@code <table>/<partition>}, value {@link ClayLedger.Summary} text. What status reads.
     */
    public static final String CLAY_LEDGER_SUMMARY = "clayflow.clay-ledger-summary";
    /** What {@code clayflow dlq replay} replayed, so that a dead letter is not replayed twice. */
    public static final String DLQ_REPLAYS = "clayflow.dlq-replays";

    /**
     * The cost ledger: one {@link CostEvent} per cost a stage knew of (a row's estimate when intake released it, the
     * actual figures when Clay's callback carried them, what a dropped duplicate or a cache hit saved), each appended
     * in the same transaction as the stage's own output. Key {@code lead_id}, value JSON ({@link CostEventSerde}).
     * {@code clayflow cost} and the status page add them up over a time range.
     */
    public static final String COST_EVENTS = "clayflow.cost-events";

    /** What every route topic's name starts with; the rest is the route's name ({@code crm}, {@code warehouse}). */
    public static final String ROUTE_PREFIX = "leads.route.";

    /** The pipeline's topics, {@link #LEADS_RAW} to {@link #LEADS_DLQ} above, in flow order. */
    public static final List<String> ALL = List.of(LEADS_RAW, LEADS_CLAY_OUTBOX, LEADS_ENRICHED, LEADS_ROUTE_CRM,
            LEADS_ROUTE_OUTREACH, LEADS_ROUTE_NURTURE, LEADS_ROUTE_WAREHOUSE, LEADS_DLQ);

    private Topics() {
    }

    /** The subject a topic's values are registered under with the default TopicNameStrategy. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
