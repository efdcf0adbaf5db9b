package io.clayflow.connect.hubspot.source;

import io.clayflow.connect.hubspot.HubSpotAccess;
import io.clayflow.connect.hubspot.MappingEntry;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the HubSpot contacts source: where and as whom to search, how to map a contact, how fast and how far. */
public class HubSpotSourceConfig extends AbstractConfig {

    /** The HubSpot sink's mapping read the other way: lead field to HubSpot's standard contact property. */
    public static final String DEFAULT_MAPPING = "email:email,first_name:firstname,last_name:lastname,"
            + "company_name:company,title:jobtitle,phone:phone,company_domain:website,linkedin_url:hs_linkedin_url";

    public static final String MAPPING = "hubspot.mapping";
    public static final String ENRICHED_AT_PROPERTY = "hubspot.enriched.at.property";
    public static final String OWN_WRITE_WINDOW_MS = "own.write.window.ms";

    public static final String TOPIC = "topic";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String START_FROM_MS = "start.from.ms";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String SETTLE_MS = "search.settle.ms";
    public static final String PAGE_SIZE = "search.page.size";
    public static final String SEARCH_RATE_PER_SECOND = "search.rate.per.second";
    public static final String SEARCH_ENABLED = "search.enabled";
    public static final String CHANGES_TOPIC = "changes.topic";
    public static final String CHANGES_BOOTSTRAP_SERVERS = "changes.bootstrap.servers";

    public static final ConfigDef CONFIG_DEF = definition();

    public HubSpotSourceConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        if (!changesTopic().isEmpty() && getString(CHANGES_BOOTSTRAP_SERVERS).isBlank()) {
            throw new ConfigException(CHANGES_BOOTSTRAP_SERVERS, "", "required when " + CHANGES_TOPIC + " is set");
        }
        HubSpotAccess.token(this);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        HubSpotAccess.define(KeyGroup.of(def, "HubSpot"), "/crm/v3/objects/contacts/search (and batch/read)",
                        "crm.objects.contacts.read")
                .define(MAPPING, Type.LIST, DEFAULT_MAPPING, MappingEntry.validator(LeadMapping::parse),
                        Importance.MEDIUM, "Field mapping",
                        "Lead field to contact property, as field:property entries, the HubSpot sink's style. A "
                                + "field is a Lead field (title) or an attribute (attributes.lifecycle: "
                                + "attributes.lifecycle:lifecyclestage). A property without a value is left out.")
                .define(ENRICHED_AT_PROPERTY, Type.STRING, "clayflow_enriched_at", Importance.MEDIUM,
                        "Enriched-at property",
                        "The contact property clayflow's HubSpot sink sets to the time of its write (the sink's own "
                                + "key of the same name). A change whose lastmodifieddate is within "
                                + OWN_WRITE_WINDOW_MS + " of it is clayflow's own write-back: skipped and counted "
                                + "(own-writes-skipped), never a new lead. Empty: no such check.")
                .define(OWN_WRITE_WINDOW_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                        "Own-write window (ms)",
                        "How far lastmodifieddate may lie from the enriched-at property for the change to count as "
                                + "our write: the write's round trip plus the clock difference with HubSpot. A "
                                + "person's change within this window after our write is taken for ours.");
        KeyGroup.of(def, "Source")
                .define(TOPIC, Type.STRING, Topics.LEADS_RAW, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Topic", "Where the leads go (Avro Lead, Confluent wire format, key: the contact id).")
                .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Schema registry",
                        "Schema registry for the Lead schema (Confluent API). Other serde settings (auth, "
                                + "auto.register.schemas, ...) take Confluent's keys too.")
                .define(START_FROM_MS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, "Start from (epoch ms)",
                        "With no offset stored yet: the first change to read (lastmodifieddate, epoch ms). 0 reads "
                                + "every contact the portal has.")
                .define(POLL_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(10), Importance.MEDIUM,
                        "Poll interval (ms)", "How long to wait for new changes once caught up.")
                .define(SETTLE_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.MEDIUM, "Settle time (ms)",
                        "Changes younger than this are left for a later search: HubSpot's search index lags its "
                                + "writes by seconds, and a change indexed after the source passed its time would "
                                + "be skipped.")
                .define(PAGE_SIZE, Type.INT, 100, Range.between(1, 200), Importance.LOW, "Page size",
                        "Contacts per search request (HubSpot allows 200).")
                .define(SEARCH_RATE_PER_SECOND, Type.INT, 4, Range.atLeast(1), Importance.MEDIUM,
                        "Searches per second",
                        "Search requests per second. HubSpot allows 5 per second per portal for all search "
                                + "clients together, and counts them in the portal's general limit too.")
                .define(SEARCH_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Search for changes",
                        "Poll the search API for contacts changed since the offset. Off: only the webhook path "
                                + "(" + CHANGES_TOPIC + ") brings leads.");
        KeyGroup.of(def, "Webhook path")
                .define(CHANGES_TOPIC, Type.STRING, "", Importance.MEDIUM, "Contact changes topic",
                        "Where the gateway publishes HubSpot's webhook events (" + Topics.HUBSPOT_CONTACT_CHANGES
                                + "): each named contact is read (batch read, 100 at a time) and becomes a lead. "
                                + "Empty: no webhook path.")
                .define(CHANGES_BOOTSTRAP_SERVERS, Type.STRING, "", Importance.MEDIUM,
                        "Changes topic's brokers",
                        "The brokers of " + CHANGES_TOPIC + " (usually the worker's own); required with it. The "
                                + "position in it is kept in the connector's offsets, with the leads it made.");
        ResilienceSettings.defineRetryAndCircuit(def, "HubSpot");
        return HttpSettings.define(def, 30_000);
    }

    public URI searchUri() {
        return HubSpotAccess.uri(this, "/crm/v3/objects/contacts/search");
    }

    public URI batchReadUri() {
        return HubSpotAccess.uri(this, "/crm/v3/objects/contacts/batch/read");
    }

    LeadMapping leadMapping() {
        return LeadMapping.parse(getList(MAPPING));
    }

    OwnWriteGuard ownWriteGuard() {
        String property = getString(ENRICHED_AT_PROPERTY);
        return new OwnWriteGuard(property == null ? "" : property.trim(),
                Duration.ofMillis(getLong(OWN_WRITE_WINDOW_MS)));
    }

    public String topic() {
        return getString(TOPIC).trim();
    }

    /** When, how often and how fast to search for changes. */
    SearchSettings search() {
        return SearchSettings.from(this);
    }

    public String changesTopic() {
        return getString(CHANGES_TOPIC).trim();
    }

    public String changesBootstrapServers() {
        return getString(CHANGES_BOOTSTRAP_SERVERS).trim();
    }

    public ResilienceSettings resilience() {
        return ResilienceSettings.from(this, search().ratePerSecond(), Duration.ofSeconds(1));
    }
}
