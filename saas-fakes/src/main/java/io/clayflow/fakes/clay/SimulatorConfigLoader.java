package io.clayflow.fakes.clay;

import static io.clayflow.config.PropertyValues.bad;
import static io.clayflow.config.PropertyValues.longIn;
import static io.clayflow.config.PropertyValues.millis;
import static io.clayflow.config.PropertyValues.required;

import io.clayflow.config.LayeredProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@link SimulatorConfig} from properties: the defaults in {@code clay-simulator.properties}, then an optional
 * file, then {@code CLAYFLOW_SIMULATOR_*} environment variables. An unknown key or a bad value fails naming the key.
 */
public final class SimulatorConfigLoader {

    public static final String DEFAULTS_RESOURCE = "clay-simulator.properties";
    public static final String ENV_PREFIX = "CLAYFLOW_SIMULATOR_";

    static final String HTTP_HOST = "http.host";
    static final String HTTP_PORT = "http.port";
    static final String SEED = "seed";
    static final String RATE = "workspace.rate.per.second";
    static final String BURST = "workspace.burst";
    static final String MAX_BODY = "webhook.max.body.bytes";
    static final String WEBHOOKS = "webhooks";
    static final String WEBHOOK_TOKEN = "webhook.token";
    static final String WEBHOOK_CAP = "webhook.submission.cap";
    static final String WEBHOOK_ROW_CAP = "webhook.row.cap";
    static final String TABLE_DEDUPE = "table.dedupe";
    static final String ENRICHMENT_DELAY = "enrichment.delay.ms";
    static final String CALLBACK_URL = "callback.url";
    static final String CALLBACK_TOKEN = "callback.token";
    static final String CALLBACK_TIMEOUT = "callback.timeout.ms";
    static final String CALLBACK_ATTEMPTS = "callback.max.attempts";
    static final String CALLBACK_BACKOFF = "callback.retry.backoff.ms";
    static final String F_ERROR_RATE = "faults.webhook.error.rate";
    static final String F_TIMEOUT_RATE = "faults.webhook.timeout.rate";
    static final String F_TIMEOUT_HOLD = "faults.webhook.timeout.hold.ms";
    static final String F_LATENCY = "faults.webhook.latency.ms";
    static final String F_FORCED_STATUS = "faults.webhook.forced.status";
    static final String F_DUPLICATE_RATE = "faults.callback.duplicate.rate";
    static final String F_REORDER_RATE = "faults.callback.reorder.rate";
    static final String F_REORDER_MAX_DELAY = "faults.callback.reorder.max.delay.ms";
    static final String F_FAILURE_RATE = "faults.callback.failure.rate";

    static final Set<String> KEYS = Set.of(HTTP_HOST, HTTP_PORT, SEED, RATE, BURST, MAX_BODY, WEBHOOKS, WEBHOOK_TOKEN,
            WEBHOOK_CAP, WEBHOOK_ROW_CAP, TABLE_DEDUPE, ENRICHMENT_DELAY, CALLBACK_URL, CALLBACK_TOKEN,
            CALLBACK_TIMEOUT, CALLBACK_ATTEMPTS, CALLBACK_BACKOFF, F_ERROR_RATE, F_TIMEOUT_RATE, F_TIMEOUT_HOLD,
            F_LATENCY, F_FORCED_STATUS, F_DUPLICATE_RATE, F_REORDER_RATE, F_REORDER_MAX_DELAY, F_FAILURE_RATE);
    private static final List<String> PER_WEBHOOK_SUFFIXES = List.of("token", "submission.cap", "row.cap");

    private SimulatorConfigLoader() {
    }

    /** The app's configuration: classpath defaults, then {@code file} when given, then the environment. */
    public static SimulatorConfig load(Path file, Map<String, String> environment) {
        return fromProperties(LayeredProperties.load(SimulatorConfigLoader.class, DEFAULTS_RESOURCE, file, ENV_PREFIX,
                environment, "simulator"));
    }

    /**
     * Settings from environment variables: {@code CLAYFLOW_SIMULATOR_HTTP_PORT=9090} sets {@code http.port}
     * (the rest of the name lower-cased, every {@code _} read as {@code .}).
     */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return LayeredProperties.fromEnvironment(ENV_PREFIX, environment);
    }

    /** A configuration from complete properties (every key of {@code clay-simulator.properties} present). */
    public static SimulatorConfig fromProperties(Map<String, String> props) {
        List<String> ids = list(props, WEBHOOKS);
        rejectUnknownKeys(props, ids);
        List<WebhookConfig> webhooks = new ArrayList<>();
        for (String id : ids) {
            String prefix = "webhook." + id + ".";
            String token = props.getOrDefault(prefix + "token", props.get(WEBHOOK_TOKEN));
            long cap = longIn(props, props.containsKey(prefix + "submission.cap") ? prefix + "submission.cap"
                    : WEBHOOK_CAP, 0, Long.MAX_VALUE);
            int rowCap = (int) longIn(props, props.containsKey(prefix + "row.cap") ? prefix + "row.cap"
                    : WEBHOOK_ROW_CAP, 0, Integer.MAX_VALUE);
            try {
                webhooks.add(new WebhookConfig(id, token, cap, rowCap));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WEBHOOKS + ": " + e.getMessage(), e);
            }
        }
        CallbackConfig callback;
        try {
            callback = new CallbackConfig(string(props, CALLBACK_URL), string(props, CALLBACK_TOKEN),
                    millis(props, CALLBACK_TIMEOUT, 1), (int) longIn(props, CALLBACK_ATTEMPTS, 1, 100),
                    millis(props, CALLBACK_BACKOFF, 0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CALLBACK_URL + ": " + e.getMessage(), e);
        }
        Faults faults = new Faults(rate(props, F_ERROR_RATE), rate(props, F_TIMEOUT_RATE), millis(props, F_TIMEOUT_HOLD, 0),
                millis(props, F_LATENCY, 0), forcedStatus(props), rate(props, F_DUPLICATE_RATE),
                rate(props, F_REORDER_RATE), millis(props, F_REORDER_MAX_DELAY, 0), rate(props, F_FAILURE_RATE));
        String host = string(props, HTTP_HOST);
        if (host == null) {
            throw bad(HTTP_HOST, "", "must name an interface, e.g. 127.0.0.1 or 0.0.0.0");
        }
        return new SimulatorConfig(host, (int) longIn(props, HTTP_PORT, 0, 65_535), longIn(props, SEED,
                Long.MIN_VALUE, Long.MAX_VALUE), positiveDouble(props, RATE), (int) longIn(props, BURST, 1, 1_000_000),
                (int) longIn(props, MAX_BODY, 1, 100_000_000), bool(props, TABLE_DEDUPE), webhooks,
                millis(props, ENRICHMENT_DELAY, 0), callback, faults);
    }

    /** The defaults shipped in {@code clay-simulator.properties}. */
    public static Map<String, String> classpathDefaults() {
        return LayeredProperties.classpath(SimulatorConfigLoader.class, DEFAULTS_RESOURCE);
    }



    private static void rejectUnknownKeys(Map<String, String> props, List<String> ids) {
        Set<String> known = new HashSet<>(KEYS);
        for (String id : ids) {
            PER_WEBHOOK_SUFFIXES.forEach(suffix -> known.add("webhook." + id + "." + suffix));
        }
        Set<String> unknown = new TreeSet<>(props.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown simulator setting(s) " + unknown + " (per-webhook settings "
                    + "need the id listed in '" + WEBHOOKS + "')");
        }
    }

    private static String string(Map<String, String> props, String key) {
        String value = props.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<String> list(Map<String, String> props, String key) {
        List<String> items = new ArrayList<>();
        String value = props.getOrDefault(key, "");
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static double positiveDouble(Map<String, String> props, String key) {
        String value = required(props, key);
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw bad(key, value, "must be a number > 0");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(key, value, "must be a number > 0");
        }
    }

    private static double rate(Map<String, String> props, String key) {
        String value = required(props, key);
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= 0 && parsed <= 1)) {
                throw bad(key, value, "must be a rate between 0.0 and 1.0");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw bad(key, value, "must be a rate between 0.0 and 1.0");
        }
    }

    private static int forcedStatus(Map<String, String> props) {
        int status = (int) longIn(props, F_FORCED_STATUS, 0, 599);
        if (status != 0 && status < 200) {
            throw bad(F_FORCED_STATUS, String.valueOf(status), "must be 0 (off) or an HTTP status 200-599");
        }
        return status;
    }

    private static boolean bool(Map<String, String> props, String key) {
        String value = required(props, key);
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw bad(key, value, "must be true or false");
        }
        return Boolean.parseBoolean(value);
    }
}
