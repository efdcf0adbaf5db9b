package io.clayflow.connect.clay;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.HttpUrls;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.sink.AvroSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the Clay webhook sink: which Clay tables to fill (their webhooks, caps and request format), how much
 * per request, how fast, how to retry and when to stop. Each table named in {@value #TABLES} has its own keys
 * ({@link ClayTableSettings}); without {@value #TABLES}, the webhooks of {@value #WEBHOOK_URLS} are one implicit table,
 * {@value #IMPLICIT_TABLE}, as before tables were named.
 */
public class ClayWebhookSinkConfig extends AbstractConfig {

    public static final String TABLES = "clay.tables";
    public static final String TABLE_ROW_CAP = "clay.tables.row.cap";
    public static final String REQUEST_FORMAT = "clay.tables.format";
    /** The table {@value #WEBHOOK_URLS} feeds when {@value #TABLES} is not set. */
    public static final String IMPLICIT_TABLE = io.clayflow.schemas.ClayLedger.DEFAULT_TABLE;

    public static final String WEBHOOK_URLS = "clay.webhook.urls";
    public static final String WEBHOOK_TOKEN = "clay.webhook.token";
    public static final String WEBHOOK_AUTH_HEADER = "clay.webhook.auth.header";
    public static final String DEFAULT_AUTH_HEADER = "x-clay-webhook-auth";
    public static final String WEBHOOK_SUBMISSION_LIMIT = "clay.webhook.submission.limit";
    public static final String WEBHOOK_QUOTA_WARN_RATIO = "clay.webhook.quota.warn.ratio";
    public static final String CREDITS_PROBE_INTERVAL_MS = "clay.credits.probe.interval.ms";

    /** Where the sink records each row Clay accepted, for the Clay ledger (empty: nothing recorded). */
    public static final String SENT_TOPIC = ClaySentLog.TOPIC;

    public static final ConfigDef CONFIG_DEF = definition();

    private final ClayRequestLimits requestLimits;
    private final List<ClayTableConfig> tables;

    public ClayWebhookSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        this.requestLimits = ClayRequestLimits.from(this);
        this.tables = readTables();
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        KeyGroup.of(def, "Clay tables")
                .define(TABLES, Type.LIST, "", Importance.HIGH, "Tables",
                        "Names of the Clay tables to fill, in the order they are used; each has its keys under "
                                + ClayTableSettings.PREFIX + "<name>. (webhook.urls, token, row.cap, format, "
                                + "callback.token). Sending moves to the next table before one is full, pauses "
                                + "(nothing skipped) when all are, and resumes when a table is added here. Empty: "
                                + WEBHOOK_URLS + " feed one implicit table, " + IMPLICIT_TABLE + ".")
                .define(TABLE_ROW_CAP, Type.STRING, Long.toString(ClayTableSettings.DEFAULT_ROW_CAP),
                        ClayTableSettings::checkRowCap, Importance.MEDIUM, "Row cap per table",
                        "Rows a table holds (Clay's default is 50000), or passthrough for auto-delete tables; a "
                                + "table's own row.cap replaces it.")
                .define(REQUEST_FORMAT, Type.STRING, "object", RequestFormat.validator(), Importance.MEDIUM,
                        "Request format",
                        "object: one row per request, as Clay documents; array: up to "
                                + ClayRequestLimits.BATCH_MAX_ROWS + " rows per request, only for a table verified to "
                                + "split arrays. A table's own format replaces it.");
        KeyGroup.of(def, "Clay webhooks")
                .define(WEBHOOK_URLS, Type.LIST, "", ClayWebhookSinkConfig::checkUrls, Importance.HIGH,
                        "Webhook URLs",
                        "Without " + TABLES + ": the webhook URLs of the one Clay table fed, in the order they are "
                                + "used: when one nears its lifetime submission limit, sending moves on to the next.")
                .define(WEBHOOK_TOKEN, Type.PASSWORD, null, Importance.HIGH,
                        "Webhook token",
                        "The webhooks' auth token (a table's own token replaces it), sent in the header "
                                + WEBHOOK_AUTH_HEADER + " names. Never logged.")
                .define(WEBHOOK_AUTH_HEADER, Type.STRING, DEFAULT_AUTH_HEADER, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Token header",
                        "The header the webhook token is sent in (Clay documents only a token in the header; this "
                                + "name comes from integrations).")
                .define(WEBHOOK_SUBMISSION_LIMIT, Type.INT, 50_000, Range.atLeast(1), Importance.MEDIUM,
                        "Submission limit per webhook",
                        "Lifetime submissions (rows) a Clay webhook accepts; deleting rows does not reset it.")
                .define(WEBHOOK_QUOTA_WARN_RATIO, Type.DOUBLE, 0.8, Range.between(0.0, 1.0), Importance.LOW,
                        "Quota warning ratio", "Share of a webhook's limit at which a warning is logged.");
        KeyGroup.of(def, "Clay credits")
                .define(CREDITS_PROBE_INTERVAL_MS, Type.LONG, 60_000L, Range.atLeast(100), Importance.MEDIUM,
                        "Credits probe interval",
                        "After Clay answers 402 (the workspace is out of credits) every table waits this long, then "
                                + "one request probes whether sending may go on; nothing is skipped meanwhile.");
        StateTopicSettings.define(def);
        ClaySentLog.define(def);
        ClayRequestLimits.define(def);
        ResilienceSettings.defineRetryAndCircuit(def, "Clay");
        HttpSettings.define(def, 15_000);
        return AvroSettings.define(def, "the outbox");
    }

    private static void checkUrls(String name, Object value) {
        if (value instanceof List<?> urls && !urls.isEmpty()) {
            HttpUrls.secret().ensureValid(name, value);
        }
    }

    private List<ClayTableConfig> readTables() {
        List<String> names = getList(TABLES).stream().map(String::trim).filter(name -> !name.isEmpty()).toList();
        if (names.isEmpty()) {
            if (webhookUrls().isEmpty()) {
                throw new ConfigException(WEBHOOK_URLS, "", "name the Clay tables to fill in " + TABLES
                        + ", or give one table's webhook URLs here");
            }
            return List.of(new ClayTableConfig(IMPLICIT_TABLE, webhookUrls(), webhookToken(), defaultRowCap(),
                    defaultFormat(), Optional.empty()));
        }
        if (!webhookUrls().isEmpty()) {
            throw new ConfigException(WEBHOOK_URLS, "[hidden]", "with " + TABLES + " set, give each table's webhooks "
                    + "in " + ClayTableSettings.Key.WEBHOOK_URLS.of("<name>") + " instead");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new ConfigException(TABLES, getList(TABLES), "a table is named twice");
        }
        List<ClayTableConfig> read = names.stream().map(name -> ClayTableSettings.read(name, originals(), this))
                .toList();
        Set<URI> seen = new HashSet<>();
        for (ClayTableConfig table : read) {
            for (URI webhook : table.webhooks()) {
                if (!seen.add(webhook)) {
                    throw new ConfigException(ClayTableSettings.Key.WEBHOOK_URLS.of(table.name()),
                            "[hidden]", "a webhook URL is listed twice (a webhook feeds one table)");
                }
            }
        }
        return read;
    }

    /** The Clay tables to fill, in the order they are used. */
    List<ClayTableConfig> tables() {
        return tables;
    }

    /** The name of the table a webhook feeds (its tables' webhooks are all distinct). */
    String tableOf(URI webhook) {
        return tables.stream().filter(table -> table.webhooks().contains(webhook)).map(ClayTableConfig::name)
                .findFirst().orElse(IMPLICIT_TABLE);
    }

    /** Every table's webhooks, in order: what the submission quota counts. */
    List<URI> allWebhooks() {
        return tables.stream().flatMap(table -> table.webhooks().stream()).toList();
    }

    public List<URI> webhookUrls() {
        return getList(WEBHOOK_URLS).stream().map(String::trim).filter(url -> !url.isEmpty()).map(URI::create)
                .toList();
    }

    OptionalLong defaultRowCap() {
        return ClayTableSettings.rowCap(TABLE_ROW_CAP, getString(TABLE_ROW_CAP));
    }

    RequestFormat defaultFormat() {
        return RequestFormat.parse(REQUEST_FORMAT, getString(REQUEST_FORMAT));
    }

    public String authHeader() {
        return getString(WEBHOOK_AUTH_HEADER).trim();
    }

    public Duration creditsProbeInterval() {
        return Duration.ofMillis(getLong(CREDITS_PROBE_INTERVAL_MS));
    }

    public Optional<String> webhookToken() {
        Password token = getPassword(WEBHOOK_TOKEN);
        return token == null || token.value().isEmpty() ? Optional.empty() : Optional.of(token.value());
    }

    public int submissionLimit() {
        return getInt(WEBHOOK_SUBMISSION_LIMIT);
    }

    public double quotaWarnRatio() {
        return getDouble(WEBHOOK_QUOTA_WARN_RATIO);
    }

    /** The connector's name (Connect passes it to the connector and its task): what the sink's state is kept under. */
    public String connectorName() {
        Object name = originals().get("name");
        return name == null ? "clay-sink" : name.toString();
    }

    public String quotaTopic() {
        return getString(StateTopicSettings.TOPIC);
    }

    /** Client settings of the state topic's producer and consumer. */
    public Map<String, Object> quotaClientProps() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(StateTopicSettings.CLIENT_PREFIX));
        props.put("bootstrap.servers", String.join(",", getList(StateTopicSettings.BOOTSTRAP_SERVERS)));
        return props;
    }

    /** How much one request carries and how many rows go out per second. */
    ClayRequestLimits requestLimits() {
        return requestLimits;
    }

    /** Retry and circuit breaker around each request, under the rows-per-second limit. */
    public ResilienceSettings resilience() {
        return ResilienceSettings.from(this, requestLimits.rowsPerSecond(), Duration.ofSeconds(1));
    }
}
