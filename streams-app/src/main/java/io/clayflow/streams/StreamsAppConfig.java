package io.clayflow.streams;

import io.clayflow.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;

/**
 * What every clayflow Streams app's settings share: the Kafka and registry keys, {@code streams.*} and
 * {@code serde.*} pass-through, {@code exactly_once_v2} enforced, the dead-letter handlers, and a log-safe dump.
 */
public abstract class StreamsAppConfig extends AbstractConfig {

    public static final String STREAMS_PREFIX = "streams.";
    public static final String SERDE_PREFIX = "serde.";

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String METRICS_HOST = "metrics.host";
    public static final String METRICS_PORT = "metrics.port";

    // Passed-through values whose key matches this are secrets: shown masked wherever config is printed.
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|token|jaas|user\\.info|credential|\\.key$).*");

    private final ConfigDef definition;

    /**
     * @param app the app's name as messages say it, e.g. "intake"
     * @param exactlyOnceReason why the app cannot run without {@code exactly_once_v2}, for the refusal's message
     */
    protected StreamsAppConfig(ConfigDef definition, Map<?, ?> props, String app, String exactlyOnceReason) {
        super(definition, props, false);
        this.definition = definition;
        Object guarantee = originals().get(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        if (guarantee != null && !StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee.toString().trim())) {
            throw new ConfigException(STREAMS_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee,
                    app + " runs with " + StreamsConfig.EXACTLY_ONCE_V2 + " only: " + exactlyOnceReason);
        }
        // Fail at start-up, not at the first record, if a pass-through setting names no valid Streams config.
        StreamsConfig.configDef().parse(streamsProperties());
    }

    /** The handler for records whose bytes do not decode, or null when the app's source serdes cannot fail. */
    protected abstract Class<? extends DeserializationExceptionHandler> deserializationExceptionHandler();

    /** The handler that dead-letters a record whose processing threw. */
    protected abstract Class<? extends ProcessingExceptionHandler> processingExceptionHandler();

    /**
     * Everything Kafka Streams needs: the app's own keys, {@code exactly_once_v2}, clayflow's dead-letter handlers,
     * then every {@code streams.*} setting with the prefix taken off.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
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
        Map<String, String> lines = new TreeMap<>();
        values().forEach((key, value) -> lines.put(key, definition.configKeys().get(key).type == Type.PASSWORD
                ? "[hidden]" : String.valueOf(value)));
        originals().forEach((key, value) -> {
            if (key.startsWith(STREAMS_PREFIX) || key.startsWith(SERDE_PREFIX)) {
                lines.put(key, SECRET_KEY.matcher(key).matches() ? "[hidden]" : String.valueOf(value));
            }
        });
        StringBuilder out = new StringBuilder();
        lines.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        return out.toString();
    }

    /** Defines {@code application.id}, {@code bootstrap.servers} and {@code schema.registry.url} in group "Kafka". */
    protected static ConfigDef defineKafkaSettings(ConfigDef def, String defaultApplicationId, String app) {
        String group = "Kafka";
        int order = 0;
        return def.define(APPLICATION_ID, Type.STRING, defaultApplicationId, new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        "Kafka Streams application.id: the consumer group and the prefix of internal topics. "
                                + "Every instance of one " + app + " deployment shares it.",
                        group, ++order, Width.MEDIUM, "Application id")
                .define(BOOTSTRAP_SERVERS, Type.LIST, "localhost:9092", nonEmptyList(), Importance.HIGH,
                        "Kafka brokers to bootstrap from. Security settings pass through as streams.security.protocol, "
                                + "streams.sasl.jaas.config, streams.ssl.truststore.location, ...",
                        group, ++order, Width.LONG, "Bootstrap servers")
                .define(SCHEMA_REGISTRY_URL, Type.LIST, "http://localhost:8081", nonEmptyList(), Importance.HIGH,
                        "Base URLs of the Confluent-compatible schema registry. Other serde and registry settings "
                                + "pass through as serde.<key> (serde.basic.auth.user.info, serde.auto.register.schemas, ...).",
                        group, ++order, Width.LONG, "Schema registry URLs");
    }

    /**
     * Defines {@code metrics.host} and {@code metrics.port} (group "Metrics"): where {@code GET /metrics} answers
     * for Prometheus; port 0 picks a free one, -1 serves nothing.
     */
    protected static ConfigDef defineMetricsSettings(ConfigDef def, int defaultPort) {
        String group = "Metrics";
        return def.define(METRICS_HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "Interface the management port binds (GET /metrics for Prometheus, GET /health/live).",
                        group, 1, Width.MEDIUM, "Metrics host")
                .define(METRICS_PORT, Type.INT, defaultPort, ConfigDef.Range.between(-1, 65_535), Importance.MEDIUM,
                        "Management port serving the app's metrics for Prometheus at GET /metrics; 0 picks a free "
                                + "port, -1 turns the endpoint off.",
                        group, 2, Width.SHORT, "Metrics port");
    }

    /** The management port's interface. */
    public String metricsHost() {
        return getString(METRICS_HOST);
    }

    /** The management port: 0 for any free port, -1 when metrics are not served. */
    public int metricsPort() {
        return getInt(METRICS_PORT);
    }

    protected static ConfigDef.Validator nonEmptyList() {
        return (name, value) -> {
            if (value == null || ((List<?>) value).isEmpty()
                    || ((List<?>) value).stream().anyMatch(item -> item.toString().isBlank())) {
                throw new ConfigException(name, value, "must be a non-empty, comma-separated list");
            }
        };
    }
}
