package io.clayflow.gateway.config;

import io.clayflow.config.AppSettings;
import io.clayflow.config.ManagementEndpoint;
import io.clayflow.config.Secrets;
import io.clayflow.config.SharedKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's settings, read like every app's ({@link AppSettings}: {@code callback-gateway.properties}, an
 * optional file, then {@code CLAYFLOW_GATEWAY_*}), in prefix-scoped parts, each a record read once from the checked
 * settings: {@link HttpConfig} ({@code http.*}), {@link CallbackConfig}, {@link LeadsConfig}, {@link TopicConfig},
 * {@link ProduceConfig}, {@link HubSpotWebhookConfig}, {@link LifecycleConfig} (the readiness and shutdown bounds);
 * the shared connection keys and the management port ({@link ManagementEndpoint}); and two pass-through prefixes, {@code kafka.}
 * (any producer setting) and {@code serde.} (any registry or serializer setting). {@link #toString()} never shows a
 * secret.
 */
public final class GatewayConfig extends AbstractConfig {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfig.class);

    public static final String APP = "gateway";
    public static final String DEFAULTS_RESOURCE = "callback-gateway.properties";
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String SERDE_PREFIX = "serde.";
    /** Where the status page's settings were: now the status app's (its own module), ignored here with a warning. */
    static final String MOVED_STATUS_PREFIX = "status.";

    public static final String MANAGEMENT_HOST = SharedKeys.MANAGEMENT_HOST;
    public static final String MANAGEMENT_PORT = SharedKeys.MANAGEMENT_PORT;

    private static final ConfigDef DEFINITION = definition();
    /** What the gateway promises: a 2xx only for records every in-sync replica has. */
    private static final Map<String, String> ENFORCED = Map.of(ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

    private final HttpConfig http;
    private final CallbackConfig callback;
    private final LeadsConfig leads;
    private final TopicConfig topics;
    private final ProduceConfig produce;
    private final HubSpotWebhookConfig hubspotWebhook;
    private final ManagementEndpoint management;
    private final LifecycleConfig lifecycle;

    /** {@code props}: checked settings ({@link #load}, {@link #withOverrides}). */
    public GatewayConfig(Map<String, String> props) {
        super(DEFINITION, props, false);
        this.http = HttpConfig.from(this);
        this.callback = CallbackConfig.from(this);
        this.leads = LeadsConfig.from(this);
        this.topics = TopicConfig.from(this);
        this.produce = ProduceConfig.from(this);
        this.hubspotWebhook = HubSpotWebhookConfig.from(this);
        this.management = ManagementEndpoint.of(this);
        this.lifecycle = LifecycleConfig.from(this);
        ENFORCED.forEach((key, required) -> {
            Object value = originals().get(KAFKA_PREFIX + key);
            if (value != null && !required.equalsIgnoreCase(value.toString().strip())) {
                throw new ConfigException(KAFKA_PREFIX + key, value, "must be " + required
                        + " (the gateway answers 2xx only for records every in-sync replica has)");
            }
        });
        Set<String> moved = new TreeSet<>(originalsWithPrefix(MOVED_STATUS_PREFIX, false).keySet());
        if (!moved.isEmpty()) {
            LOG.warn("Ignoring {}: the status page moved from the gateway to the status app (module status, "
                    + "settings CLAYFLOW_STATUS_*)", moved);
        }
    }
    /** Classpath defaults, then {@code file} when given, then the environment. */
    public static GatewayConfig load(Path file, Map<String, String> environment) {
        return new GatewayConfig(settings().load(file, environment));
    }

    /** Classpath defaults with {@code overrides} on top (tests, the local stack). */
    public static GatewayConfig withOverrides(Map<String, String> overrides) {
        return new GatewayConfig(settings().resolve(overrides));
    }

    /** How the gateway's settings are read: the keys below, the pass-through prefixes, the renamed keys. */
    public static AppSettings settings() {
        return AppSettings.forApp(APP, DEFINITION).defaults(GatewayConfig.class, DEFAULTS_RESOURCE)
                .passThrough(KAFKA_PREFIX, SERDE_PREFIX, MOVED_STATUS_PREFIX)
                .renamed(KAFKA_PREFIX + SharedKeys.BOOTSTRAP_SERVERS, SharedKeys.BOOTSTRAP_SERVERS)
                .renamed(SERDE_PREFIX + SharedKeys.SCHEMA_REGISTRY_URL, SharedKeys.SCHEMA_REGISTRY_URL);
    }

    /** Every key the gateway defines (pass-through keys aside), with its type, default and documentation. */
    public static ConfigDef definition() {
        ConfigDef def = SharedKeys.defineConnection(new ConfigDef(), "Kafka");
        ManagementEndpoint.define(def, 9090, "Address of the management port (health, metrics).",
                "Health and Prometheus metrics. Not 8081: that is the schema registry's.");
        LifecycleConfig.define(def);
        HttpConfig.define(def);
        CallbackConfig.define(def);
        LeadsConfig.define(def);
        TopicConfig.define(def);
        ProduceConfig.define(def);
        HubSpotWebhookConfig.define(def);
        return def;
    }

    public HttpConfig http() {
        return http;
    }

    public CallbackConfig callback() {
        return callback;
    }

    public LeadsConfig leads() {
        return leads;
    }

    public TopicConfig topics() {
        return topics;
    }

    /** How long and how much the gateway waits on Kafka, and the Retry-After of its 503s. */
    public ProduceConfig produce() {
        return produce;
    }

    public HubSpotWebhookConfig hubspotWebhook() {
        return hubspotWebhook;
    }

    /** Where health and metrics are served. */
    public ManagementEndpoint management() {
        return management;
    }

    /** The readiness check's and the shutdown's bounds. */
    public LifecycleConfig lifecycle() {
        return lifecycle;
    }

    /** The producer's settings: every {@code kafka.*} key, the shared brokers, acks=all and idempotence. */
    public Map<String, Object> kafka() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(SharedKeys.BOOTSTRAP_SERVERS)));
        props.putAll(ENFORCED);
        return props;
    }

    /** The serializer's and registry client's settings: every {@code serde.*} key and the shared registry URL. */
    public Map<String, Object> serde() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(SERDE_PREFIX));
        props.put(SharedKeys.SCHEMA_REGISTRY_URL, registryUrl());
        return props;
    }

    /** The registry's base URL(s), comma-separated. */
    public String registryUrl() {
        return String.join(",", getList(SharedKeys.SCHEMA_REGISTRY_URL));
    }

    @Override
    public String toString() {
        return Secrets.describe(this, DEFINITION).strip().replace('\n', ' ');
    }
}
