package io.clayflow.stack;

import io.clayflow.schemas.Topics;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How each of the local stack's connectors ({@link StackConnector}) is configured. Secrets are never written into a connector's
 * configuration (which Connect keeps in a topic and shows over REST): they are {@code ${file:...}} references to the
 * stack's secrets file, resolved by the worker's FileConfigProvider when the connector starts.
 */
public final class StackConnectors {

    /** The warehouse table the warehouse sink upserts into. */
    public static final String WAREHOUSE_TABLE = "enriched_leads";
    /**
     * Keys as text, values as the raw bytes each clayflow connector decodes itself (Avro through the registry, or
     * JSON): every connector's converters, and the worker's defaults ({@link ConnectPart}).
     */
    static final Map<String, String> CONVERTERS = Map.of(
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");

    private final StackConfig config;
    private final StackSecrets secrets;
    private final String webhookUrl;

    /** {@code webhookUrl}: the Clay webhook the Clay sink posts to. */
    public StackConnectors(StackConfig config, StackSecrets secrets, String webhookUrl) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    }

    public List<ConnectorSpec> all() {
        return List.of(claySink(), hubspotSink(), outreachSink(), warehouseSink(), hubspotSource());
    }

    /**
     * {@code leads.clay.outbox} → the simulator's webhook (one implicit table, one JSON object per row), with Clay's
     * limits; bad rows to {@code leads.dlq}. Real Clay tables named in the overrides ({@code clay.tables} and their
     * {@code clay.table.<name>.*} keys, or {@code clay.webhook.urls}) replace the simulator, and the local token is
     * then not sent.
     */
    ConnectorSpec claySink() {
        Map<String, String> props = sink("io.clayflow.connect.clay.ClayWebhookSinkConnector",
                Topics.LEADS_CLAY_OUTBOX);
        props.put("clay.webhook.quota.bootstrap.servers", config.bootstrapServers());
        props.put("clay.webhook.quota.topic", Topics.CLAY_SINK_STATE);
        if (config.overrides("sink.clay").containsKey(CLAY_TABLES)) {
            props.putAll(config.overrides("sink.clay"));
        } else {
            targetOrOverride(props, "sink.clay", "clay.webhook.urls", webhookUrl, "clay.webhook.token",
                    secretRef(StackSecret.WEBHOOK_TOKEN));
        }
        return spec(StackConnector.CLAY_WEBHOOK_SINK, props);
    }

    /** The Clay sink's key naming Clay tables ({@code ClayWebhookSinkConfig.TABLES}; connectors is not on the path). */
    static final String CLAY_TABLES = "clay.tables";

    /** {@code leads.route.crm} → the HubSpot fake's contacts (upsert by email); refused contacts to {@code leads.dlq}. */
    ConnectorSpec hubspotSink() {
        Map<String, String> props = sink("io.clayflow.connect.hubspot.HubSpotSinkConnector",
                Topics.LEADS_ROUTE_CRM);
        targetOrOverride(props, "sink.hubspot", "hubspot.base.url", config.url(StackConfig.HUBSPOT_PORT), "hubspot.token",
                secretRef(StackSecret.HUBSPOT_TOKEN));
        return spec(StackConnector.HUBSPOT_SINK, props);
    }

    /**
     * HubSpot contacts created or changed → {@code leads.raw} ({@code source = crm-event}): the fake's contacts search
     * every 2 s, and the contacts its webhooks name (through the gateway and
     * {@code clayflow.hubspot.contact-changes}). Its own write-backs (the HubSpot sink's) are skipped.
     */
    ConnectorSpec hubspotSource() {
        Map<String, String> props = connector("io.clayflow.connect.hubspot.source.HubSpotSourceConnector");
        props.put("topic", Topics.LEADS_RAW);
        props.put("poll.interval.ms", "2000");
        // The fake's search sees a write at once; HubSpot's needs the default 30 s.
        props.put("search.settle.ms", "1000");
        props.put("changes.topic", Topics.HUBSPOT_CONTACT_CHANGES);
        props.put("changes.bootstrap.servers", config.bootstrapServers());
        targetOrOverride(props, "source.hubspot", "hubspot.base.url", config.url(StackConfig.HUBSPOT_PORT), "hubspot.token",
                secretRef(StackSecret.HUBSPOT_TOKEN));
        return spec(StackConnector.HUBSPOT_SOURCE, props);
    }

    /** {@code leads.route.outreach} → prospects in the Outreach fake, enrolled in its sequence; refusals to the DLQ. */
    ConnectorSpec outreachSink() {
        Map<String, String> props = sink("io.clayflow.connect.outreach.OutreachSinkConnector",
                Topics.LEADS_ROUTE_OUTREACH);
        props.put("outreach.sequence.id", Long.toString(OutreachPart.SEQUENCE_ID));
        props.put("outreach.mailbox.id", Long.toString(OutreachPart.MAILBOX_ID));
        targetOrOverride(props, "sink.outreach", "outreach.base.url", config.url(StackConfig.OUTREACH_PORT), "outreach.token",
                secretRef(StackSecret.OUTREACH_TOKEN));
        return spec(StackConnector.OUTREACH_SINK, props);
    }

    /** The embedded DuckDB file the warehouse sink writes: {@code <data>/warehouse/clayflow.duckdb}. */
    public Path warehouseFile() {
        return warehouseFile(config.dataDir());
    }

    /** The warehouse file of the stack whose data directory this is. */
    public static Path warehouseFile(Path dataDir) {
        return dataDir.resolve("warehouse").resolve("clayflow.duckdb");
    }

    /**
     * {@code leads.route.warehouse} → table {@value #WAREHOUSE_TABLE} of an embedded DuckDB file, upserted by
     * {@code lead_id}; rows the database refuses to {@code leads.dlq}. The sink holds the file only while it writes a
     * put, so {@code clayflow warehouse query} (or any DuckDB client, read-only, retrying briefly) reads it meanwhile.
     */
    ConnectorSpec warehouseSink() {
        Map<String, String> props = sink("io.clayflow.connect.warehouse.WarehouseSinkConnector",
                Topics.LEADS_ROUTE_WAREHOUSE);
        props.put("warehouse.table", WAREHOUSE_TABLE);
        props.putAll(config.overrides("sink.warehouse"));
        if (!props.containsKey("warehouse.jdbc.url")) {
            props.put("warehouse.duckdb.path", warehouseFile().toString());
        }
        return spec(StackConnector.WAREHOUSE_SINK, props);
    }

    /** Where the connectors deliver, for `up` to print. */
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint("warehouse (DuckDB)", warehouseFile() + ", table " + WAREHOUSE_TABLE));
    }

    /**
     * The sink's {@code override.<part>.*} settings on top of {@code props}. The target defaults to the local fake
     * and its generated token; an override of the target (a real Clay webhook, a HubSpot sandbox) takes the token
     * from the overrides too, so a local token is never sent to a real service.
     */
    private void targetOrOverride(Map<String, String> props, String part, String targetKey, String localTarget,
            String tokenKey, String localToken) {
        Map<String, String> overrides = config.overrides(part);
        props.putAll(overrides);
        if (!overrides.containsKey(targetKey)) {
            props.put(targetKey, localTarget);
            props.put(tokenKey, localToken);
        } else if (!overrides.containsKey(tokenKey)) {
            props.remove(tokenKey);
        }
    }

    /**
     * What every sink of the stack shares besides {@link #connector}: committed records only (each clayflow connector
     * refuses to start otherwise; the worker reads committed records too, see {@link ConnectPart}), and bad records to
     * {@code leads.dlq}.
     */
    private Map<String, String> sink(String connectorClass, String topic) {
        Map<String, String> props = connector(connectorClass);
        props.put("topics", topic);
        props.put("consumer.override.isolation.level", "read_committed");
        props.put("errors.tolerance", "all");
        props.put("errors.deadletterqueue.topic.name", Topics.LEADS_DLQ);
        props.put("errors.deadletterqueue.topic.replication.factor", "1");
        props.put("errors.deadletterqueue.context.headers.enable", "true");
        return props;
    }

    /** What every connector of the stack shares: one task, {@link #CONVERTERS}, the registry. */
    private Map<String, String> connector(String connectorClass) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", connectorClass);
        props.put("tasks.max", "1");
        props.putAll(CONVERTERS);
        props.put("schema.registry.url", config.registryUrl());
        return props;
    }

    private static ConnectorSpec spec(StackConnector connector, Map<String, String> props) {
        return new ConnectorSpec(connector.connectorName(), props);
    }

    /** A reference the worker's {@code file} config provider resolves to the secret, e.g. {@code ${file:/d/s:key}}. */
    String secretRef(StackSecret secret) {
        return "${file:" + secrets.file().toAbsolutePath() + ":" + secret.key() + "}";
    }
}
