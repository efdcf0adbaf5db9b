package io.clayflow.stack;

import io.clayflow.config.AppSettings;
import io.clayflow.config.LayeredProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The local stack's settings: where its data lives, where each part listens, where the build put the registry and
 * the Connect plugin, and per-part overrides under {@code override.<part>.}. Defaults in {@code stack.properties}
 * and {@code stack-build.properties} on the classpath, then a file, then {@code CLAYFLOW_STACK_*} variables, then
 * the caller's overrides (the CLI's flags).
 */
public final class StackConfig extends AbstractConfig {

    public static final String DEFAULTS_RESOURCE = "stack.properties";
    public static final String BUILD_RESOURCE = "stack-build.properties";
    /** The app name: messages say it, and its environment variables start {@code CLAYFLOW_STACK_}. */
    public static final String APP = "stack";

    public static final String DATA_DIR = "data.dir";
    public static final String HOST = "host";
    public static final String KAFKA_PORT = "kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "kafka.controller.port";
    public static final String REGISTRY_PORT = "registry.port";
    public static final String REGISTRY_MANAGEMENT_PORT = "registry.management.port";
    /** Kafka Connect's REST API. */
    public static final String CONNECT_PORT = "connect.port";
    /** The callback gateway's public port. */
    public static final String GATEWAY_PORT = "gateway.port";
    /** The callback gateway's management port (health, metrics). */
    public static final String GATEWAY_MANAGEMENT_PORT = "gateway.management.port";
    /** The Clay simulator. */
    public static final String SIMULATOR_PORT = "simulator.port";
    /** The HubSpot fake (the HubSpot connectors' {@code hubspot.base.url}). */
    public static final String HUBSPOT_PORT = "hubspot.port";
    /** The Outreach fake (the Outreach sink's {@code outreach.base.url}). */
    public static final String OUTREACH_PORT = "outreach.port";
    /** The intake app's Prometheus port ({@code /metrics}); -1: none. */
    public static final String INTAKE_METRICS_PORT = "intake.metrics.port";
    /** The routing app's Prometheus port ({@code /metrics}); -1: none. */
    public static final String ROUTING_METRICS_PORT = "routing.metrics.port";
    /** The Clay ledger's management port ({@code GET /metrics}, health); -1: not served. */
    public static final String LEDGER_METRICS_PORT = "ledger.metrics.port";
    /**
     * Every port key, in the order `up` lists them; each must differ from the others. Only the metrics ports may be
     * -1 (not served), as in the apps' own {@code metrics.port}.
     */
    public static final List<String> PORT_KEYS = List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, REGISTRY_PORT,
            REGISTRY_MANAGEMENT_PORT, CONNECT_PORT, GATEWAY_PORT, GATEWAY_MANAGEMENT_PORT, SIMULATOR_PORT, HUBSPOT_PORT,
            OUTREACH_PORT, INTAKE_METRICS_PORT, ROUTING_METRICS_PORT, LEDGER_METRICS_PORT);
    static final List<String> OPTIONAL_PORT_KEYS = List.of(INTAKE_METRICS_PORT, ROUTING_METRICS_PORT,
            LEDGER_METRICS_PORT);

    public static final String REGISTRY_DISTRIBUTION_DIR = "registry.distribution.dir";
    public static final String REGISTRY_VERSION_JAVA17 = "registry.version.java17";
    public static final String REGISTRY_VERSION_JAVA21 = "registry.version.java21";
    public static final String REGISTRY_JAVA_HOME = "registry.java.home";
    public static final String CONNECT_PLUGIN_PATH = "connect.plugin.path";

    public static final String PART_START_TIMEOUT_MS = "part.start.timeout.ms";
    public static final String STOP_TIMEOUT_MS = "stop.timeout.ms";

    public static final String OVERRIDE_PREFIX = "override.";

    private static final ConfigDef CONFIG_DEF = StackConfigDefinition.definition();

    public StackConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        Map<Integer, String> seen = new HashMap<>();
        for (String key : PORT_KEYS) {
            if (getInt(key) < 0) {
                continue; // a port not served takes nothing from the others
            }
            String other = seen.put(getInt(key), key);
            if (other != null) {
                throw new ConfigException(key, getInt(key), "the same port as " + other + ": every part needs its own");
            }
        }
    }

    /**
     * Where the build put the registry and the Connect plugin, then the classpath defaults, then {@code file} when
     * given, then {@code CLAYFLOW_STACK_*} variables (every key, e.g. {@code CLAYFLOW_STACK_DATA_DIR}, and
     * {@code CLAYFLOW_STACK_OVERRIDE_INTAKE_THROTTLE_RATE_PER_SECOND} for {@code override.intake.throttle.rate.per.second}),
     * then {@code overrides}; read as every app reads its settings ({@link AppSettings}).
     *
     * @throws ConfigException naming the bad key (an unknown one with the closest known key), or the file that
     *     cannot be read
     */
    public static StackConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        AppSettings settings = settings();
        Map<String, String> props = new LinkedHashMap<>(LayeredProperties.classpath(StackConfig.class,
                BUILD_RESOURCE));
        try {
            props.putAll(settings.load(file, environment));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        settings.resolve(overrides); // the same check for the flags: an unknown key is refused, never ignored
        props.putAll(overrides);
        return new StackConfig(props);
    }

    /** The stack's keys, its shipped defaults, and {@code override.<part>.} passed on to the parts unchecked. */
    static AppSettings settings() {
        return AppSettings.forApp(APP, CONFIG_DEF).defaults(StackConfig.class, DEFAULTS_RESOURCE)
                .passThrough(OVERRIDE_PREFIX);
    }

    /** The data directory, absolute. */
    public Path dataDir() {
        return Path.of(getString(DATA_DIR)).toAbsolutePath().normalize();
    }

    public String host() {
        return getString(HOST);
    }

    /** The port under {@code key}; -1 for a metrics port that is not served. */
    public int port(String key) {
        if (!PORT_KEYS.contains(key)) {
            throw new IllegalArgumentException(key + " is not a port key");
        }
        return getInt(key);
    }

    /** The ports the stack binds, by key, in {@link #PORT_KEYS} order: those not turned off with -1. */
    public Map<String, Integer> boundPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String key : PORT_KEYS) {
            if (getInt(key) >= 0) {
                ports.put(key, getInt(key));
            }
        }
        return ports;
    }

    /** The broker's bootstrap address. */
    public String bootstrapServers() {
        return host() + ":" + getInt(KAFKA_PORT);
    }

    /** The schema registry's Confluent-compatible API base. */
    public String registryUrl() {
        return url(REGISTRY_PORT) + "/apis/ccompat/v7";
    }

    /** The base URL of the part that serves HTTP on {@code portKey}, e.g. {@code url(GATEWAY_PORT)}. */
    public String url(String portKey) {
        return "http://" + host() + ":" + port(portKey);
    }

    /** Where the build put the registry, and which of its builds to run on which Java. */
    public RegistryBuild registryBuild() {
        String javaHome = getString(REGISTRY_JAVA_HOME);
        return new RegistryBuild(Path.of(getString(REGISTRY_DISTRIBUTION_DIR)), getString(REGISTRY_VERSION_JAVA17),
                getString(REGISTRY_VERSION_JAVA21),
                javaHome == null || javaHome.isBlank() ? null : Path.of(javaHome.trim()));
    }

    public Path connectPluginPath() {
        return Path.of(getString(CONNECT_PLUGIN_PATH)).toAbsolutePath().normalize();
    }

    public Duration partStartTimeout() {
        return Duration.ofMillis(getLong(PART_START_TIMEOUT_MS));
    }

    public Duration stopTimeout() {
        return Duration.ofMillis(getLong(STOP_TIMEOUT_MS));
    }

    /** The settings given under {@code override.<part>.}, prefix removed, as text. */
    public Map<String, String> overrides(String part) {
        Map<String, String> out = new LinkedHashMap<>();
        originalsWithPrefix(OVERRIDE_PREFIX + part + ".").forEach((key, value) -> out.put(key, String.valueOf(value)));
        return out;
    }
}
