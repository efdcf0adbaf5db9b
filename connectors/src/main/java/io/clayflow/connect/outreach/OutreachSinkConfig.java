package io.clayflow.connect.outreach;

import io.clayflow.connect.ConfigGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.HttpUrls;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.sink.AvroSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the Outreach sink: which org and sequence, how leads map to prospects, how fast, how to retry. */
public class OutreachSinkConfig extends AbstractConfig {

    public static final String BASE_URL = "outreach.base.url";
    public static final String TOKEN = "outreach.token";
    public static final String SEQUENCE_ID = "outreach.sequence.id";
    public static final String MAILBOX_ID = "outreach.mailbox.id";

    /** Outreach's standard prospect attributes for what Clay gives; the email is the key, always sent. */
    public static final String DEFAULT_MAPPING = "firstName=first_name,lastName=last_name,title=title,"
            + "company=company_name,companyIndustry=industry,addressCountry=country,linkedInUrl=linkedin_url,"
            + "workPhones=phone";
    public static final String EMAIL_FIELDS = "outreach.prospect.email.fields";
    public static final String FIELD_MAPPING = "outreach.prospect.mapping";
    public static final String REQUESTS_PER_HOUR = "outreach.rate.limit.requests.per.hour";
    public static final String MAX_INLINE_WAIT_MS = "outreach.max.inline.wait.ms";

    public static final ConfigDef CONFIG_DEF = definition();

    private final ProspectMapping mapping;

    public OutreachSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        this.mapping = ProspectMapping.parse(getList(EMAIL_FIELDS), getList(FIELD_MAPPING));
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        ConfigGroup.of(def, "Outreach")
                .define(BASE_URL, Type.STRING, "https://api.outreach.io", HttpUrls.apiRoot("https://api.outreach.io"),
                        Importance.MEDIUM, "Outreach's API root; the sink calls <root>/api/v2/... (a local fake in "
                                + "tests).", "Base URL")
                .define(TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "OAuth access token of the Outreach user the sink acts as (scopes prospects.all, "
                                + "sequenceStates.all), sent as a Bearer token. Never logged.", "Access token")
                .define(SEQUENCE_ID, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH,
                        "Id of the sequence every routed lead is added to.", "Sequence id")
                .define(MAILBOX_ID, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH,
                        "Id of the mailbox the sequence sends from.", "Mailbox id");
        ConfigGroup.of(def, "Prospect mapping")
                .define(EMAIL_FIELDS, Type.LIST, "email,work_email", Importance.MEDIUM,
                        "EnrichedLead fields tried in order for the prospect's email, the key it is found by. A lead "
                                + "with none of them set goes to the dead-letter topic.", "Email fields")
                .define(FIELD_MAPPING, Type.LIST, DEFAULT_MAPPING, Importance.MEDIUM,
                        "Prospect attributes, as outreachAttribute=leadField pairs. A lead field is an EnrichedLead "
                                + "field name, or enrichment.<column> / attributes.<key> for a map entry. Empty "
                                + "values are not sent, so Outreach keeps what it has.", "Field mapping");
        ConfigGroup.of(def, "Rate")
                .define(REQUESTS_PER_HOUR, Type.INT, 10_000, Range.atLeast(1), Importance.MEDIUM,
                        "Requests per hour at most (Outreach allows 10,000 per user and hour; lower it when other "
                                + "integrations use the same user). A safety net: Outreach's 429 and its "
                                + "X-RateLimit-Reset are honoured whatever this says.", "Requests per hour")
                .define(MAX_INLINE_WAIT_MS, Type.LONG, 10_000L, Range.between(0, 60_000), Importance.LOW,
                        "Longest wait (rate limit, Retry-After, X-RateLimit-Reset) done in place; a longer one "
                                + "pauses consumption for that long instead, so put() never outlasts the consumer's "
                                + "poll interval.", "Max in-place wait (ms)");
        ResilienceSettings.defineRetryAndCircuit(def, "Outreach");
        HttpSettings.define(def, 15_000);
        return AvroSettings.define(def, "the route topic");
    }

    public URI baseUrl() {
        String url = getString(BASE_URL).trim();
        return URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public String token() {
        return getPassword(TOKEN).value();
    }

    public long sequenceId() {
        return getLong(SEQUENCE_ID);
    }

    public long mailboxId() {
        return getLong(MAILBOX_ID);
    }

    public ProspectMapping mapping() {
        return mapping;
    }

    /**
     * The hourly limit as a rate limiter's settings. resilience4j's limiter hands out the whole hour's permits at once
     * when it starts (and again after each restart of the task), so it bounds each hour but not bursts; Outreach's own
     * 429 and reset header cover what it cannot know (requests before a restart, other clients of the same user).
     */
    public ResilienceSettings resilience() {
        return ResilienceSettings.from(this, getInt(REQUESTS_PER_HOUR), Duration.ofHours(1));
    }

    public Duration maxInlineWait() {
        return Duration.ofMillis(getLong(MAX_INLINE_WAIT_MS));
    }

    static List<String> trimmed(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
