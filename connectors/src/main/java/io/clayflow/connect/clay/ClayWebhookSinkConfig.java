package io.clayflow.connect.clay;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.HttpUrls;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.sink.AvroSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of the Clay webhook sink: where to post, how much per request, how fast, how to retry and when to stop. */
public class ClayWebhookSinkConfig extends AbstractConfig {

    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    /** The smallest {@value #BATCH_MAX_BYTES}: room for at least one row. */
    public static final int MIN_BATCH_BYTES = 1_024;
    public static final String RATE_LIMIT_ROWS_PER_SECOND = "rate.limit.rows.per.second";

    public static final String WEBHOOK_URLS = "clay.webhook.urls";
    public static final String WEBHOOK_TOKEN = "clay.webhook.token";
    public static final String WEBHOOK_SUBMISSION_LIMIT = "clay.webhook.submission.limit";
    public static final String WEBHOOK_QUOTA_WARN_RATIO = "clay.webhook.quota.warn.ratio";

    public static final ConfigDef CONFIG_DEF = definition();

    public ClayWebhookSinkConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        if (batchMaxBytes() < MIN_BATCH_BYTES) {
            throw new ConfigException(BATCH_MAX_BYTES, batchMaxBytes(), "must leave room for at least one row (>= "
                    + MIN_BATCH_BYTES + ")");
        }
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        KeyGroup.of(def, "Clay webhooks")
                .define(WEBHOOK_URLS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, HttpUrls.secret(), Importance.HIGH,
                        "Webhook URLs",
                        "Webhook URLs of the Clay table(s), in the order they are used: when one nears its lifetime "
                                + "submission limit, sending moves on to the next. Add a URL to resume after all are "
                                + "spent.")
                .define(WEBHOOK_TOKEN, Type.PASSWORD, null, Importance.HIGH,
                        "Webhook token",
                        "The webhook's auth token, sent as the x-clay-webhook-auth header. Never logged.")
                .define(WEBHOOK_SUBMISSION_LIMIT, Type.INT, 50_000, Range.atLeast(1), Importance.MEDIUM,
                        "Submission limit per webhook",
                        "Lifetime submissions (rows) a Clay webhook accepts; deleting rows does not reset it.")
                .define(WEBHOOK_QUOTA_WARN_RATIO, Type.DOUBLE, 0.8, Range.between(0.0, 1.0), Importance.LOW,
                        "Quota warning ratio", "Share of a webhook's limit at which a warning is logged.");
        StateTopicSettings.define(def);
        ClaySentLog.define(def);
        KeyGroup.of(def, "Batching and rate")
                .define(BATCH_MAX_ROWS, Type.INT, 10, Range.between(1, 100), Importance.MEDIUM,
                        "Rows per request", "Most rows in one webhook request.")
                .define(BATCH_MAX_BYTES, Type.INT, 100_000, Range.atLeast(1), Importance.MEDIUM,
                        "Bytes per request",
                        "Largest JSON body of one request, in bytes (Clay refuses 100 KB and more).")
                .define(RATE_LIMIT_ROWS_PER_SECOND, Type.INT, 10, Range.atLeast(1), Importance.MEDIUM,
                        "Rows per second",
                        "Rows sent per second at most: a safety net under the intake throttle, at Clay's limit.");
        ResilienceSettings.defineRetryAndCircuit(def, "Clay");
        HttpSettings.define(def, 15_000);
        return AvroSettings.define(def, "the outbox");
    }

    public List<URI> webhookUrls() {
        return getList(WEBHOOK_URLS).stream().map(String::trim).map(URI::create).toList();
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

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public int batchMaxBytes() {
        return getInt(BATCH_MAX_BYTES);
    }

    public int rateLimitRowsPerSecond() {
        return getInt(RATE_LIMIT_ROWS_PER_SECOND);
    }
}
