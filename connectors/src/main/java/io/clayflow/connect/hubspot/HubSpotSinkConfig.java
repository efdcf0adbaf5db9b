package io.clayflow.connect.hubspot;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.sink.AvroSettings;
import io.clayflow.schemas.EnrichedLead;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the HubSpot contacts sink: where and as whom to upsert, how to map a lead, how much and how fast. */
public class HubSpotSinkConfig extends AbstractConfig {

    /** HubSpot's standard contact properties for what Clay gives; the email is the upsert key, always sent. */
    public static final String DEFAULT_MAPPING = "first_name:firstname,last_name:lastname,company_name:company,"
            + "title:jobtitle,phone:phone,company_domain:website,country:country,industry:industry";

    public static final String MAPPING = "hubspot.mapping";
    public static final String LEAD_ID_PROPERTY = "hubspot.lead.id.property";
    public static final String EMAIL_FIELDS = "hubspot.email.fields";
    public static final String ENRICHED_AT_PROPERTY = "hubspot.enriched.at.property";

    public static final String BATCH_MAX_INPUTS = "batch.max.inputs";
    public static final String RATE_LIMIT_REQUESTS = "rate.limit.requests";
    public static final String RATE_LIMIT_PERIOD_MS = "rate.limit.period.ms";

    public static final ConfigDef CONFIG_DEF = definition();

    public HubSpotSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        leadIdProperty().filter(mapping().sourceToProperty()::containsValue).ifPresent(property -> {
            throw new ConfigException(MAPPING, getList(MAPPING), "property '" + property + "' is also the "
                    + LEAD_ID_PROPERTY);
        });
        HubSpotAccess.token(this);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        HubSpotAccess.define(KeyGroup.of(def, "HubSpot"), "/crm/v3/objects/contacts/batch/upsert (and batch/update)",
                        "crm.objects.contacts.write")
                .define(MAPPING, Type.LIST, DEFAULT_MAPPING, MappingEntry.validator(FieldMapping::parse),
                        Importance.MEDIUM,
                        "Field mapping",
                        "Lead value to contact property, as source:property entries. A source is an EnrichedLead "
                                + "field (title), an enrichment column (enrichment.employee_count) or an attribute "
                                + "(attributes.utm_campaign). Absent values are not sent, so HubSpot keeps its own.")
                .define(LEAD_ID_PROPERTY, Type.STRING, "clayflow_lead_id", Importance.MEDIUM,
                        "lead_id property",
                        "Custom contact property that receives lead_id (create it in HubSpot as a single-line text "
                                + "property); empty to not send it.")
                .define(EMAIL_FIELDS, Type.LIST, "email,work_email", emailFieldsCheck(), Importance.MEDIUM,
                        "Email fields",
                        "Where the upsert key comes from: the first of these fields with a value. A lead with none "
                                + "is dead-lettered: HubSpot upserts contacts by email. A lead that came from a "
                                + "HubSpot contact (source crm-event, its record id in source_id) is written back "
                                + "to that contact by id instead, with or without an email.")
                .define(ENRICHED_AT_PROPERTY, Type.STRING, "clayflow_enriched_at", Importance.MEDIUM,
                        "Enriched-at property",
                        "Custom contact property (create it in HubSpot as a number or single-line text property) "
                                + "that receives the time of each write, epoch ms: the HubSpot source skips a "
                                + "change whose lastmodifieddate matches it, so a write-back never comes back as a "
                                + "new lead. Empty to not send it (and then the source cannot tell our writes).");
        KeyGroup.of(def, "Batching and rate")
                .define(BATCH_MAX_INPUTS, Type.INT, 100, Range.between(1, 100), Importance.MEDIUM,
                        "Contacts per request", "Most contacts in one batch upsert (HubSpot allows 100).")
                .define(RATE_LIMIT_REQUESTS, Type.INT, 190, Range.atLeast(1), Importance.MEDIUM,
                        "Requests per period",
                        "Requests per " + RATE_LIMIT_PERIOD_MS + " for the whole connector (split between its "
                                + "tasks). HubSpot allows 190 per 10 s on paid tiers and 100 on free ones; the limit "
                                + "is per portal, shared with its other apps.")
                .define(RATE_LIMIT_PERIOD_MS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                        "Rate period (ms)", "The rate limit's period (HubSpot's rolling window is 10 s).");
        ResilienceSettings.defineRetryAndCircuit(def, "HubSpot");
        HttpSettings.define(def, 30_000);
        return AvroSettings.define(def, "the route topic");
    }

    public URI upsertUri() {
        return HubSpotAccess.uri(this, "/crm/v3/objects/contacts/batch/upsert");
    }

    public URI updateUri() {
        return HubSpotAccess.uri(this, "/crm/v3/objects/contacts/batch/update");
    }

    FieldMapping mapping() {
        return FieldMapping.parse(getList(MAPPING));
    }

    Optional<String> leadIdProperty() {
        return optionalProperty(LEAD_ID_PROPERTY);
    }

    Optional<String> enrichedAtProperty() {
        return optionalProperty(ENRICHED_AT_PROPERTY);
    }

    /** A contact property key's value, trimmed; empty when the key is blank (the property is not sent). */
    private Optional<String> optionalProperty(String key) {
        String property = getString(key);
        return property == null || property.isBlank() ? Optional.empty() : Optional.of(property.trim());
    }

    List<String> emailFields() {
        return getList(EMAIL_FIELDS).stream().map(String::trim).toList();
    }

    public int batchMaxInputs() {
        return getInt(BATCH_MAX_INPUTS);
    }

    /** The rate limit ({@value #RATE_LIMIT_REQUESTS} per {@value #RATE_LIMIT_PERIOD_MS}), retry and circuit breaker. */
    public ResilienceSettings resilience() {
        return ResilienceSettings.from(this, getInt(RATE_LIMIT_REQUESTS),
                Duration.ofMillis(getLong(RATE_LIMIT_PERIOD_MS)));
    }

    /** Email fields: at least one, each a string field of EnrichedLead. */
    private static ConfigDef.Validator emailFieldsCheck() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) value;
            if (fields == null || fields.isEmpty()) {
                throw new ConfigException(name, value, "name at least one field, e.g. email,work_email");
            }
            for (String field : fields) {
                if (EnrichedLead.getClassSchema().getField(field.trim()) == null) {
                    throw new ConfigException(name, value, "'" + field.trim() + "' is not an EnrichedLead field");
                }
            }
        }, () -> "EnrichedLead fields holding an email, first with a value wins");
    }
}
