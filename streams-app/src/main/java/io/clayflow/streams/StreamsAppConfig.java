package io.clayflow.streams;

import io.clayflow.config.AppSettings;
import io.clayflow.config.KeyGroup;
import io.clayflow.config.Secrets;
import io.clayflow.config.SharedKeys;
import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;

/**
 * What every clayflow Streams app's settings share: {@code application.id}, the shared connection keys
 * ({@link SharedKeys}), the management port, {@code streams.*} and {@code serde.*} passed through,
 * {@code exactly_once_v2} enforced, the dead-letter handlers, and a log-safe dump. Every key is checked through
 * {@link AppSettings}: an unknown one is refused naming the closest known key, and the old {@code metrics.host} /
 * {@code metrics.port} still work with a warning naming {@code management.host} / {@code management.port}.
 */
public abstract class StreamsAppConfig extends AbstractConfig {

    public static final String STREAMS_PREFIX = "streams.";
    public static final String SERDE_PREFIX = "serde.";

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = SharedKeys.BOOTSTRAP_SERVERS;
    public static final String SCHEMA_REGISTRY_URL = SharedKeys.SCHEMA_REGISTRY_URL;
    public static final String MANAGEMENT_HOST = SharedKeys.MANAGEMENT_HOST;
    public static final String MANAGEMENT_PORT = SharedKeys.MANAGEMENT_PORT;
    /** The management port's keys before they were shared with the other apps; still read, with a warning. */
    public static final Map<String, String> RENAMED = Map.of("metrics.host", MANAGEMENT_HOST,
            "metrics.port", MANAGEMENT_PORT);

    private final ConfigDef definition;
    private final String app;
    private final ManagementAddress management;

    /**
     * @param props the settings, checked here: unknown keys are refused, renamed ones read under their new name
     * @param app the app's name as messages and its environment prefix say it, e.g. "intake"
     * @param exactlyOnceReason why the app cannot run without {@code exactly_once_v2}, for the refusal's message
     */
    protected StreamsAppConfig(ConfigDef definition, Map<?, ?> props, String app, String exactlyOnceReason) {
        this(definition, props, app, exactlyOnceReason, Map.of());
    }

    /**
     * @param renamed the app's own old keys that still work, each with its new key (besides {@link #RENAMED})
     */
    protected StreamsAppConfig(ConfigDef definition, Map<?, ?> props, String app, String exactlyOnceReason,
            Map<String, String> renamed) {
        super(definition, settings(app, definition, renamed).resolve(asStrings(definition, props)), false);
        this.definition = definition;
        this.app = app;
        this.management = new ManagementAddress(getString(MANAGEMENT_HOST), getInt(MANAGEMENT_PORT));
        Object guarantee = originals().get(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString().trim())) {
            throw new ConfigException(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                    app + " runs with " + StreamsConfig.EXACTLY_ONCE_V2 + " only: " + exactlyOnceReason);
        }
        // Fail at start-up, not at the first record, if a pass-through setting names no valid Streams config.
        StreamsConfig.configDef().parse(streamsProperties());
    }

    /** The app's settings reader without a defaults file: the environment, the pass-through, the renamed keys. */
    static AppSettings settings(String app, ConfigDef definition, Map<String, String> renamed) {
        AppSettings settings = AppSettings.forApp(app, definition).passThrough(STREAMS_PREFIX, SERDE_PREFIX);
        RENAMED.forEach(settings::renamed);
        renamed.forEach(settings::renamed);
        return settings;
    }

    /**
     * The handler for records whose bytes do not decode; none (null) by default, for an app whose sources read
     * String keys and raw bytes, which always deserialize.
     */
    protected Class<? extends DeserializationExceptionHandler> deserializationExceptionHandler() {
        return null;
    }

    /** The handler that dead-letters a record whose processing threw. */
    protected Class<? extends ProcessingExceptionHandler> processingExceptionHandler() {
        return DeadLetterProcessingHandler.class;
    }

    /**
     * Everything Kafka Streams needs: the app's own keys, {@code exactly_once_v2}, clayflow's dead-letter handlers,
     * then every {@code streams.*} setting with the prefix taken off.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        if (deserializationExceptionHandler() != null) {
            props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    deserializationExceptionHandler().getName());
        }
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                processingExceptionHandler().getName());
        props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.LEADS_DLQ);
        return props;
    }

    /** The Avro serde's settings (Confluent's keys): {@code schema.registry.url} and every {@code serde.*} setting. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = new HashMap<>(originalsWithPrefix(SERDE_PREFIX));
        configs.put(SCHEMA_REGISTRY_URL, String.join(",", getList(SCHEMA_REGISTRY_URL)));
        return configs;
    }

    /** Every setting, one {@code key=value} per line, sorted, secrets masked: safe to log. */
    public String describe() {
        return Secrets.describe(this, definition);
    }

    /** The app's name, e.g. "intake": the {@code app} tag of its metrics and the prefix of its threads. */
    public String app() {
        return app;
    }

    public String applicationId() {
        return getString(APPLICATION_ID);
    }

    /** Where the management port is served, if it is. */
    public ManagementAddress management() {
        return management;
    }

    /** The management port's interface. */
    public String managementHost() {
        return management.host();
    }

    /** The management port: 0 for any free port, -1 when nothing is served. */
    public int managementPort() {
        return management.port();
    }

    /** @deprecated the key is {@code management.host} now; use {@link #managementHost()} */
    @Deprecated
    public String metricsHost() {
        return managementHost();
    }

    /** @deprecated the key is {@code management.port} now; use {@link #managementPort()} */
    @Deprecated
    public int metricsPort() {
        return managementPort();
    }

    /** A duration setting (ISO-8601, checked by {@link PositiveDuration} or the like), white space ignored. */
    public Duration getDuration(String key) {
        return PositiveDuration.parse(getString(key));
    }

    /**
     * Defines what every Streams app has: {@code application.id}, the shared connection keys (group "Kafka") and
     * the management port (group "Management": {@code GET /metrics}, {@code /health/live}, {@code /health/ready};
     * port 0 picks a free one, -1 serves nothing).
     */
    protected static ConfigDef defineCommon(ConfigDef def, String defaultApplicationId, String app,
            int defaultManagementPort) {
        SharedKeys.defineConnection(def, "Kafka");
        KeyGroup.of(def, "Kafka").define(APPLICATION_ID, Type.STRING, defaultApplicationId,
                new ConfigDef.NonEmptyString(), Importance.HIGH, "Application id",
                "Kafka Streams application.id: the consumer group and the prefix of internal topics. Every instance "
                        + "of one " + app + " deployment shares it. Security settings pass through as "
                        + "streams.security.protocol, streams.sasl.jaas.config, ...; serde and registry settings as "
                        + "serde.<key>.");
        return KeyGroup.of(def, "Management")
                .define(MANAGEMENT_HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Management host", "Interface the management port binds (GET /metrics for Prometheus, "
                                + "GET /health/live, GET /health/ready). Formerly metrics.host.")
                .define(MANAGEMENT_PORT, Type.INT, defaultManagementPort, ConfigDef.Range.between(-1, 65_535),
                        Importance.MEDIUM, "Management port",
                        "Management port: GET /metrics (Prometheus), GET /health/live (503 once Kafka Streams is in "
                                + "ERROR or NOT_RUNNING), GET /health/ready (200 only while RUNNING); 0 picks a free "
                                + "port, -1 serves nothing. Formerly metrics.port.")
                .definition();
    }

    /** The values as text, as a properties file would hold them, so that one checker reads every way in. */
    private static Map<String, String> asStrings(ConfigDef definition, Map<?, ?> props) {
        Map<String, String> strings = new LinkedHashMap<>();
        props.forEach((key, value) -> strings.put(key.toString(),
                asString(definition.configKeys().get(key.toString()), value)));
        return strings;
    }

    private static String asString(ConfigDef.ConfigKey defined, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (defined != null) {
            return ConfigDef.convertToString(value, defined.type);
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
