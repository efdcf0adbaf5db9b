package io.clayflow.gateway;

import static io.clayflow.config.PropertyValues.bad;
import static io.clayflow.config.PropertyValues.longIn;
import static io.clayflow.config.PropertyValues.millis;
import static io.clayflow.config.PropertyValues.required;

import io.clayflow.config.LayeredProperties;
import io.clayflow.gateway.status.StatusPageConfig;
import io.clayflow.status.StatusCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link GatewayConfig}: the defaults in {@code callback-gateway.properties}, then an optional file, then
 * {@code CLAYFLOW_GATEWAY_*} environment variables ({@code CLAYFLOW_GATEWAY_KAFKA_BOOTSTRAP_SERVERS} sets
 * {@code kafka.bootstrap.servers}: the rest of the name lower-cased, every {@code _} read as {@code .}). An unknown
 * key or a bad value fails naming the key.
 */
public final class GatewayConfigLoader {

    public static final String DEFAULTS_RESOURCE = "callback-gateway.properties";
    public static final String ENV_PREFIX = "CLAYFLOW_GATEWAY_";
    public static final String KAFKA_PREFIX = "kafka.";
    public static final String SERDE_PREFIX = "serde.";

    static final Set<String> KEYS = Set.of("http.host", "http.port", "http.instances", "http.max.body.bytes", "http.tls.cert.path",
            "http.tls.key.path", "management.host", "management.port", "callback.tokens", "callback.columns",
            "callback.default.source", "callback.replay.window.ms", "callback.replay.max.entries", "leads.tokens",
            "leads.max.batch", "topic.enriched", "topic.raw", "produce.max.in.flight", "produce.timeout.ms",
            "retry.after.seconds", "readiness.timeout.ms", "shutdown.timeout.ms", "status.enabled", "status.refresh.ms",
            "status.timeout.ms", "status.intake.application.id", "status.dlq.topic", "status.webhook.quota.topic",
            "status.replay.log.topic", "status.webhook.submission.limit", "status.budget.credits.per.period");

    private GatewayConfigLoader() {
    }

    /** Classpath defaults, then {@code file} when given, then the environment. */
    public static GatewayConfig load(Path file, Map<String, String> environment) {
        return fromProperties(LayeredProperties.load(GatewayConfigLoader.class, DEFAULTS_RESOURCE, file, ENV_PREFIX,
                environment, "gateway"));
    }

    /** Classpath defaults with {@code overrides} on top (what tests use). */
    public static GatewayConfig withOverrides(Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>(classpathDefaults());
        props.putAll(overrides);
        return fromProperties(props);
    }

    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        return LayeredProperties.fromEnvironment(ENV_PREFIX, environment);
    }

    public static GatewayConfig fromProperties(Map<String, String> props) {
        Set<String> unknown = new TreeSet<>();
        Map<String, String> kafka = new TreeMap<>();
        Map<String, String> serde = new TreeMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(key.substring(KAFKA_PREFIX.length()), value);
            } else if (key.startsWith(SERDE_PREFIX)) {
                serde.put(key.substring(SERDE_PREFIX.length()), value);
            } else if (!KEYS.contains(key)) {
                unknown.add(key);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown gateway setting(s) " + unknown
                    + " (producer settings go under 'kafka.', registry/serde settings under 'serde.')");
        }
        requireValue(kafka, "acks", "all");
        requireValue(kafka, "enable.idempotence", "true");
        if (blank(kafka.get("bootstrap.servers"))) {
            throw bad("kafka.bootstrap.servers", "", "is required");
        }
        if (blank(serde.get("schema.registry.url"))) {
            throw bad("serde.schema.registry.url", "", "is required");
        }
        String cert = optional(props, "http.tls.cert.path");
        String key = optional(props, "http.tls.key.path");
        if ((cert == null) != (key == null)) {
            throw bad("http.tls.cert.path", String.valueOf(cert), "needs http.tls.key.path too (both or neither)");
        }
        ColumnMapping columns;
        try {
            columns = ColumnMapping.parse(props.get("callback.columns"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for callback.columns: " + e.getMessage(), e);
        }
        return new GatewayConfig(
                required(props, "http.host"), port(props, "http.port"), instances(props, "http.instances"),
                (int) longIn(props, "http.max.body.bytes", 1, 100_000_000), cert, key,
                required(props, "management.host"), port(props, "management.port"),
                BearerTokens.parse(props.get("callback.tokens")), columns, required(props, "callback.default.source"),
                millis(props, "callback.replay.window.ms", 0), (int) longIn(props, "callback.replay.max.entries", 0,
                        10_000_000),
                BearerTokens.parse(props.get("leads.tokens")), (int) longIn(props, "leads.max.batch", 1, 10_000),
                required(props, "topic.enriched"), required(props, "topic.raw"),
                (int) longIn(props, "produce.max.in.flight", 1, 1_000_000), millis(props, "produce.timeout.ms", 1),
                (int) longIn(props, "retry.after.seconds", 0, 3600), millis(props, "readiness.timeout.ms", 1),
                millis(props, "shutdown.timeout.ms", 0), kafka, serde, statusPage(props));
    }

    private static StatusPageConfig statusPage(Map<String, String> props) {
        String enabled = required(props, "status.enabled").toLowerCase(java.util.Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw bad("status.enabled", enabled, "must be true or false");
        }
        return new StatusPageConfig(enabled.equals("true"), millis(props, "status.refresh.ms", 100),
                millis(props, "status.timeout.ms", 100),
                new StatusCollector.Options(required(props, "status.intake.application.id"),
                        required(props, "status.dlq.topic"), required(props, "status.webhook.quota.topic"),
                        required(props, "status.replay.log.topic")),
                longIn(props, "status.webhook.submission.limit", 1, Long.MAX_VALUE),
                longIn(props, "status.budget.credits.per.period", 1, Long.MAX_VALUE));
    }

    public static Map<String, String> classpathDefaults() {
        return LayeredProperties.classpath(GatewayConfigLoader.class, DEFAULTS_RESOURCE);
    }



    private static void requireValue(Map<String, String> kafka, String key, String expected) {
        String value = kafka.get(key);
        if (value != null && !expected.equalsIgnoreCase(value.trim())) {
            throw bad(KAFKA_PREFIX + key, value, "must be " + expected
                    + " (the gateway answers 2xx only for records every in-sync replica has)");
        }
        kafka.put(key, expected);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String optional(Map<String, String> props, String key) {
        String value = props.get(key);
        return blank(value) ? null : value.trim();
    }

    /** A count of event loops, or {@code auto} (blank too): one per available processor. */
    private static int instances(Map<String, String> props, String key) {
        String value = props.get(key);
        if (blank(value) || value.trim().equalsIgnoreCase("auto")) {
            return Runtime.getRuntime().availableProcessors();
        }
        return (int) longIn(props, key, 1, 1_024);
    }

    private static int port(Map<String, String> props, String key) {
        return (int) longIn(props, key, 0, 65_535);
    }
}
