package io.clayflow.fakes.clay;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.PASSWORD;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The Clay fake's settings (the fakes app's root keys; their names are a contract that compose and the stack use),
 * parsed and checked by Kafka's {@link ConfigDef}, with the HTTP API column's under {@value #CALLBACK_PREFIX} and the
 * start-up faults under {@value #FAULTS_PREFIX}.
 */
public final class ClaySettings extends AbstractConfig {

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String SEED = "seed";
    public static final String RATE = "workspace.rate.per.second";
    public static final String BURST = "workspace.burst";
    public static final String MAX_BODY = "webhook.max.body.bytes";
    public static final String WEBHOOKS = "webhooks";
    /** Per-webhook keys are {@code webhook.<id>.token}, {@code .submission.cap} and {@code .row.cap}. */
    public static final String WEBHOOK_PREFIX = "webhook.";
    public static final String WEBHOOK_TOKEN = "webhook.token";
    public static final String WEBHOOK_CAP = "webhook.submission.cap";
    public static final String WEBHOOK_ROW_CAP = "webhook.row.cap";
    public static final String WEBHOOK_PASSTHROUGH = "webhook.passthrough";
    public static final String WEBHOOK_ARRAY_MODE = "webhook.array.mode";
    public static final String CREDITS_EXHAUSTED = "workspace.credits.exhausted";
    public static final String TABLE_DEDUPE = "table.dedupe";
    public static final String ENRICHMENT_DELAY = "enrichment.delay.ms";

    public static final String CALLBACK_PREFIX = "callback.";
    public static final String CALLBACK_URL = "callback.url";
    public static final String CALLBACK_TOKEN = "callback.token";
    public static final String CALLBACK_TIMEOUT = "callback.timeout.ms";
    public static final String CALLBACK_ATTEMPTS = "callback.max.attempts";
    public static final String CALLBACK_BACKOFF = "callback.retry.backoff.ms";

    public static final String FAULTS_PREFIX = "faults.";
    public static final String F_ERROR_RATE = "faults.webhook.error.rate";
    public static final String F_TIMEOUT_RATE = "faults.webhook.timeout.rate";
    public static final String F_TIMEOUT_HOLD = "faults.webhook.timeout.hold.ms";
    public static final String F_LATENCY = "faults.webhook.latency.ms";
    public static final String F_FORCED_STATUS = "faults.webhook.forced.status";
    public static final String F_DUPLICATE_RATE = "faults.callback.duplicate.rate";
    public static final String F_REORDER_RATE = "faults.callback.reorder.rate";
    public static final String F_REORDER_MAX_DELAY = "faults.callback.reorder.max.delay.ms";
    public static final String F_FAILURE_RATE = "faults.callback.failure.rate";
    public static final String F_LATE_RATE = "faults.callback.late.rate";
    public static final String F_LATE_DELAY = "faults.callback.late.delay.ms";

    private static final String TOKEN_SUFFIX = ".token";
    private static final String CAP_SUFFIX = ".submission.cap";
    private static final String ROW_CAP_SUFFIX = ".row.cap";
    private static final String PASSTHROUGH_SUFFIX = ".passthrough";
    private static final Range RATE_RANGE = Range.between(0.0, 1.0);

    private final List<String> webhookIds;

    ClaySettings(ConfigDef definition, Map<String, ?> props) {
        super(definition, props, false);
        this.webhookIds = getList(WEBHOOKS);
    }

    /** The Clay fake's keys, with the per-webhook keys of {@code webhookIds}. */
    public static ConfigDef definition(Collection<String> webhookIds) {
        ConfigDef definition = new ConfigDef()
                .define(HTTP_HOST, STRING, SimulatorConfig.DEFAULT_HOST, new NonEmptyString(), HIGH,
                        "Interface to bind (0.0.0.0 in a container).")
                .define(HTTP_PORT, INT, SimulatorConfig.DEFAULT_PORT, Range.between(0, 65_535), HIGH,
                        "Port to bind; 0 picks a free one.")
                .define(SEED, LONG, SimulatorConfig.DEFAULT_SEED, LOW,
                        "Seeds the fault draws and salts the enrichment hash: same seed, same run.")
                .define(RATE, DOUBLE, SimulatorConfig.DEFAULT_RATE_PER_SECOND, ClaySettings::positiveNumber, MEDIUM,
                        "The workspace's sustained webhook rate, in rows per second (Clay: about 10).")
                .define(BURST, INT, SimulatorConfig.DEFAULT_BURST, Range.between(1, 1_000_000), MEDIUM,
                        "The workspace's burst, in rows (Clay: about 20).")
                .define(MAX_BODY, INT, SimulatorConfig.DEFAULT_MAX_BODY_BYTES, Range.between(1, 100_000_000), MEDIUM,
                        "Largest webhook body, in bytes (Clay: under 100 KB; 100,000 is the stricter reading).")
                .define(WEBHOOKS, LIST, "default", HIGH,
                        "The webhooks present at start (ids: letters, digits, '-', '_'); more with POST /admin/webhooks.")
                .define(WEBHOOK_TOKEN, PASSWORD, "", HIGH,
                        "The x-clay-webhook-auth token of every webhook without its own; empty: open webhooks.")
                .define(WEBHOOK_CAP, LONG, WebhookConfig.DEFAULT_SUBMISSION_CAP, Range.atLeast(0), MEDIUM,
                        "Rows a webhook takes over its lifetime (Clay: 50,000).")
                .define(WEBHOOK_ROW_CAP, INT, WebhookConfig.DEFAULT_ROW_CAP, Range.atLeast(0), MEDIUM,
                        "Rows a webhook's table holds; rows past it are answered 200 and dropped.")
                .define(WEBHOOK_PASSTHROUGH, BOOLEAN, false, MEDIUM,
                        "Every webhook's table is a passthrough (auto-delete) table: no row cap, no dedupe.")
                .define(WEBHOOK_ARRAY_MODE, STRING, ArrayMode.SPLIT.label(), ClaySettings::arrayMode, MEDIUM,
                        "What a webhook does with a JSON array: split (a row per element), refuse (400) or one-row "
                                + "(2xx, the array becomes one row without lead_id). Clay does not document it.")
                .define(CREDITS_EXHAUSTED, BOOLEAN, false, LOW,
                        "The workspace starts out of credits: every webhook request gets 402 (PUT /admin/credits).")
                .define(TABLE_DEDUPE, BOOLEAN, true, MEDIUM,
                        "Tables drop rows whose lead_id they already hold.")
                .define(ENRICHMENT_DELAY, LONG, SimulatorConfig.DEFAULT_ENRICHMENT_DELAY.toMillis(), Range.atLeast(0),
                        MEDIUM, "From a row being added to its callback being sent, in ms.");
        defineCallback(definition);
        defineFaults(definition);
        for (String id : webhookIds) {
            String prefix = WEBHOOK_PREFIX + id;
            definition.define(prefix + TOKEN_SUFFIX, PASSWORD, null, LOW, "Webhook " + id + "'s own token.")
                    .define(prefix + CAP_SUFFIX, LONG, null, orNull(Range.atLeast(0)), LOW,
                            "Webhook " + id + "'s own submission cap.")
                    .define(prefix + ROW_CAP_SUFFIX, INT, null, orNull(Range.atLeast(0)), LOW,
                            "Webhook " + id + "'s own row cap.")
                    .define(prefix + PASSTHROUGH_SUFFIX, BOOLEAN, null, LOW,
                            "Whether webhook " + id + "'s table is a passthrough (auto-delete) table.");
        }
        return definition;
    }

    private static void defineCallback(ConfigDef definition) {
        definition.define(CALLBACK_URL, STRING, "", HIGH,
                        "Where the HTTP API column posts each enriched row; empty: nothing is called.")
                .define(CALLBACK_TOKEN, PASSWORD, "", HIGH, "Sent as Authorization: Bearer <token>; empty: none.")
                .define(CALLBACK_TIMEOUT, LONG, CallbackConfig.DEFAULT_TIMEOUT.toMillis(), Range.atLeast(1), MEDIUM,
                        "Bound on one callback attempt, in ms.")
                .define(CALLBACK_ATTEMPTS, INT, CallbackConfig.DEFAULT_MAX_ATTEMPTS, Range.between(1, 100), MEDIUM,
                        "Attempts per callback (1 = no retry).")
                .define(CALLBACK_BACKOFF, LONG, CallbackConfig.DEFAULT_RETRY_BACKOFF.toMillis(), Range.atLeast(0),
                        MEDIUM, "Wait before the 2nd attempt, in ms, doubled before each further one.");
    }

    private static void defineFaults(ConfigDef definition) {
        definition.define(F_ERROR_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of webhook requests answered 503.")
                .define(F_TIMEOUT_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of webhook requests never answered.")
                .define(F_TIMEOUT_HOLD, LONG, Faults.DEFAULT_TIMEOUT_HOLD.toMillis(), Range.atLeast(0), LOW,
                        "How long an unanswered request is held, in ms.")
                .define(F_LATENCY, LONG, 0L, Range.atLeast(0), LOW, "Added before every webhook answer, in ms.")
                .define(F_FORCED_STATUS, INT, 0, ClaySettings::offOrHttpStatus, LOW,
                        "0 (off) or the status every webhook request gets (503 = Clay down, 429 = a 429 storm).")
                .define(F_DUPLICATE_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of callbacks sent twice.")
                .define(F_REORDER_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of callbacks delayed at random.")
                .define(F_REORDER_MAX_DELAY, LONG, Faults.DEFAULT_REORDER_MAX_DELAY.toMillis(), Range.atLeast(0), LOW,
                        "Upper bound of that extra delay, in ms.")
                .define(F_FAILURE_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of rows whose callback never comes.")
                .define(F_LATE_RATE, DOUBLE, 0.0, RATE_RANGE, LOW, "Share of rows whose callback comes late.")
                .define(F_LATE_DELAY, LONG, Faults.DEFAULT_LATE_DELAY.toMillis(), Range.atLeast(0), LOW,
                        "How much later a late callback comes, in ms.");
    }

    /** The typed configuration a {@link ClaySimulator} starts from. */
    SimulatorConfig toSimulatorConfig() {
        return new SimulatorConfig(getString(HTTP_HOST), getInt(HTTP_PORT), getLong(SEED), getDouble(RATE),
                getInt(BURST), getInt(MAX_BODY), getBoolean(TABLE_DEDUPE), webhooks(),
                Duration.ofMillis(getLong(ENRICHMENT_DELAY)), callback(), faults(),
                ArrayMode.parse(getString(WEBHOOK_ARRAY_MODE)), getBoolean(CREDITS_EXHAUSTED));
    }

    private List<WebhookConfig> webhooks() {
        List<WebhookConfig> webhooks = new ArrayList<>();
        for (String id : webhookIds) {
            String prefix = WEBHOOK_PREFIX + id;
            Password token = getPassword(prefix + TOKEN_SUFFIX);
            Long cap = getLong(prefix + CAP_SUFFIX);
            Integer rowCap = getInt(prefix + ROW_CAP_SUFFIX);
            Boolean passthrough = getBoolean(prefix + PASSTHROUGH_SUFFIX);
            webhooks.add(valid(WEBHOOKS, id, () -> new WebhookConfig(id,
                    (token != null ? token : getPassword(WEBHOOK_TOKEN)).value(),
                    cap != null ? cap : getLong(WEBHOOK_CAP), rowCap != null ? rowCap : getInt(WEBHOOK_ROW_CAP),
                    passthrough != null ? passthrough : getBoolean(WEBHOOK_PASSTHROUGH))));
        }
        return webhooks;
    }

    private CallbackConfig callback() {
        return valid(CALLBACK_URL, getString(CALLBACK_URL), () -> new CallbackConfig(getString(CALLBACK_URL).trim(),
                getPassword(CALLBACK_TOKEN).value(), Duration.ofMillis(getLong(CALLBACK_TIMEOUT)),
                getInt(CALLBACK_ATTEMPTS), Duration.ofMillis(getLong(CALLBACK_BACKOFF))));
    }

    private Faults faults() {
        return new Faults(getDouble(F_ERROR_RATE), getDouble(F_TIMEOUT_RATE),
                Duration.ofMillis(getLong(F_TIMEOUT_HOLD)), Duration.ofMillis(getLong(F_LATENCY)),
                getInt(F_FORCED_STATUS), getDouble(F_DUPLICATE_RATE), getDouble(F_REORDER_RATE),
                Duration.ofMillis(getLong(F_REORDER_MAX_DELAY)), getDouble(F_FAILURE_RATE), getDouble(F_LATE_RATE),
                Duration.ofMillis(getLong(F_LATE_DELAY)));
    }

    /** What a record's own check refuses (a webhook id's shape, a callback URL), as an error naming the key. */
    private static <T> T valid(String key, Object value, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static void positiveNumber(String name, Object value) {
        if (!(value instanceof Double number && number > 0 && !number.isInfinite())) {
            throw new ConfigException(name, value, "must be a number > 0");
        }
    }

    private static void arrayMode(String name, Object value) {
        try {
            ArrayMode.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, "must be split, refuse or one-row");
        }
    }

    private static void offOrHttpStatus(String name, Object value) {
        int status = (Integer) value;
        if (status != 0 && (status < 200 || status > 599)) {
            throw new ConfigException(name, value, "must be 0 (off) or an HTTP status 200-599");
        }
    }

    /** Per-webhook keys default to null: the shared key's value then applies. */
    private static ConfigDef.Validator orNull(ConfigDef.Validator validator) {
        return (name, value) -> {
            if (value != null) {
                validator.ensureValid(name, value);
            }
        };
    }
}
