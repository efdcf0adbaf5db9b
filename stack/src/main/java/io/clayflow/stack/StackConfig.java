package io.clayflow.stack;

import io.clayflow.config.LayeredProperties;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.routing.RoutingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
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
    public static final String ENV_PREFIX = "CLAYFLOW_STACK_";

    public static final String DATA_DIR = "data.dir";
    public static final String HOST = "host";
    public static final String KAFKA_PORT = "kafka.port";
    public static final String KAFKA_CONTROLLER_PORT = "kafka.controller.port";
    public static final String REGISTRY_PORT = "registry.port";
    public static final String REGISTRY_MANAGEMENT_PORT = "registry.management.port";
    public static final String CONNECT_PORT = "connect.port";
    public static final String GATEWAY_PORT = "gateway.port";
    public static final String GATEWAY_MANAGEMENT_PORT = "gateway.management.port";
    public static final String SIMULATOR_PORT = "simulator.port";
    public static final String HUBSPOT_PORT = "hubspot.port";
    public static final String OUTREACH_PORT = "outreach.port";
    /** The intake app's Prometheus port ({@code /metrics}); -1: none. */
    public static final String INTAKE_METRICS_PORT = "intake.metrics.port";
    /** The routing app's Prometheus port ({@code /metrics}); -1: none. */
    public static final String ROUTING_METRICS_PORT = "routing.metrics.port";
    /**
     * Every port key, in the order `up` lists them; each must differ from the others. Only the metrics ports may be
     * -1 (not served), as in the apps' own {@code metrics.port}.
     */
    public static final List<String> PORT_KEYS = List.of(KAFKA_PORT, KAFKA_CONTROLLER_PORT, REGISTRY_PORT,
            REGISTRY_MANAGEMENT_PORT, CONNECT_PORT, GATEWAY_PORT, GATEWAY_MANAGEMENT_PORT, SIMULATOR_PORT, HUBSPOT_PORT,
            OUTREACH_PORT, INTAKE_METRICS_PORT, ROUTING_METRICS_PORT);
    private static final List<String> OPTIONAL_PORT_KEYS = List.of(INTAKE_METRICS_PORT, ROUTING_METRICS_PORT);

    public static final String REGISTRY_DISTRIBUTION_DIR = "registry.distribution.dir";
    public static final String REGISTRY_VERSION_JAVA17 = "registry.version.java17";
    public static final String REGISTRY_VERSION_JAVA21 = "registry.version.java21";
    public static final String REGISTRY_JAVA_HOME = "registry.java.home";
    public static final String CONNECT_PLUGIN_PATH = "connect.plugin.path";

    public static final String PART_START_TIMEOUT_MS = "part.start.timeout.ms";
    public static final String STOP_TIMEOUT_MS = "stop.timeout.ms";

    public static final String OVERRIDE_PREFIX = "override.";

    private static final ConfigDef CONFIG_DEF = definition();

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
     * Classpath defaults, then {@code file} when given, then {@code CLAYFLOW_STACK_*} variables, then
     * {@code overrides}.
     *
     * @throws ConfigException naming the bad key, or the file that cannot be read
     */
    public static StackConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>(LayeredProperties.classpath(StackConfig.class,
                BUILD_RESOURCE));
        try {
            props.putAll(LayeredProperties.load(StackConfig.class, DEFAULTS_RESOURCE, file, ENV_PREFIX, environment,
                    "stack"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        props.putAll(overrides);
        return new StackConfig(props);
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
        return http(REGISTRY_PORT) + "/apis/ccompat/v7";
    }

    /** The Connect worker's REST API base. */
    public String connectUrl() {
        return http(CONNECT_PORT);
    }

    /** The callback gateway's public base URL. */
    public String gatewayUrl() {
        return http(GATEWAY_PORT);
    }

    /** The callback gateway's management (health, metrics) base URL. */
    public String gatewayManagementUrl() {
        return http(GATEWAY_MANAGEMENT_PORT);
    }

    /** The Clay simulator's base URL. */
    public String simulatorUrl() {
        return http(SIMULATOR_PORT);
    }

    /** The HubSpot fake's base URL (the HubSpot sink's {@code hubspot.base.url}). */
    public String hubspotUrl() {
        return http(HUBSPOT_PORT);
    }

    /** The Outreach fake's base URL (the Outreach sink's {@code outreach.base.url}). */
    public String outreachUrl() {
        return http(OUTREACH_PORT);
    }

    private String http(String portKey) {
        return "http://" + host() + ":" + getInt(portKey);
    }

    public Path registryDistributionDir() {
        return Path.of(getString(REGISTRY_DISTRIBUTION_DIR));
    }

    public String registryVersionJava17() {
        return getString(REGISTRY_VERSION_JAVA17);
    }

    public String registryVersionJava21() {
        return getString(REGISTRY_VERSION_JAVA21);
    }

    /** A Java 21+ home to run the newer registry build on, or null to look for one. */
    public Path registryJavaHome() {
        String home = getString(REGISTRY_JAVA_HOME);
        return home == null || home.isBlank() ? null : Path.of(home.trim());
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

    /** 1-65535, or -1 for none; not 0 (any free port): `up` prints, and the other parts' checks expect, fixed ports. */
    private static ConfigDef.Validator metricsPort() {
        return (name, value) -> {
            int port = (Integer) value;
            if (port != -1 && (port < 1 || port > 65_535)) {
                throw new ConfigException(name, value, "must be a port (1-65535), or -1 to serve no metrics");
            }
        };
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        String group = "Where";
        int order = 0;
        def.define(DATA_DIR, Type.STRING, "data", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Directory every part keeps its data in between runs (created if missing).",
                        group, ++order, Width.LONG, "Data directory")
                .define(HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Address every part binds to and advertises.", group, ++order, Width.MEDIUM, "Host");

        group = "Ports";
        order = 0;
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT, 9092);
        ports.put(KAFKA_CONTROLLER_PORT, 9093);
        ports.put(REGISTRY_PORT, 8081);
        ports.put(REGISTRY_MANAGEMENT_PORT, 9000);
        ports.put(CONNECT_PORT, 8083);
        ports.put(GATEWAY_PORT, 8080);
        ports.put(GATEWAY_MANAGEMENT_PORT, 9090);
        ports.put(SIMULATOR_PORT, 8090);
        ports.put(HUBSPOT_PORT, 8091);
        ports.put(OUTREACH_PORT, 8092);
        // The apps' own management ports, so a Prometheus set up for the apps scrapes `up` unchanged.
        ports.put(INTAKE_METRICS_PORT, IntakeConfig.DEFAULT_METRICS_PORT);
        ports.put(ROUTING_METRICS_PORT, RoutingConfig.DEFAULT_METRICS_PORT);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            boolean optional = OPTIONAL_PORT_KEYS.contains(port.getKey());
            def.define(port.getKey(), Type.INT, port.getValue(), optional ? metricsPort() : Range.between(1, 65_535),
                    Importance.HIGH, "TCP port of " + port.getKey().replace(".port", "").replace('.', ' ')
                            + (optional ? " (GET /metrics for Prometheus); -1: not served." : "."),
                    group, ++order, Width.SHORT, port.getKey());
        }

        group = "Build";
        order = 0;
        def.define(REGISTRY_DISTRIBUTION_DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "Directory holding the unpacked Apicurio Registry builds, one per version "
                                + "(the stack module's build fills it).", group, ++order, Width.LONG, "Registry builds")
                .define(REGISTRY_VERSION_JAVA17, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Registry build run on Java 17-20.", group, ++order, Width.SHORT, "Java 17 build")
                .define(REGISTRY_VERSION_JAVA21, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Registry build run when a Java 21+ runtime is found.", group, ++order,
                        Width.SHORT, "Java 21 build")
                .define(REGISTRY_JAVA_HOME, Type.STRING, "", Importance.LOW,
                        "A Java 21+ home for the registry; empty: this JVM if 21+, else the newest under /usr/lib/jvm, "
                                + "else the Java 17 build on this JVM.", group, ++order, Width.LONG, "Registry Java")
                .define(CONNECT_PLUGIN_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "The Connect worker's plugin.path: the connectors module's packaged "
                                + "plugin directory.", group, ++order, Width.LONG, "Connect plugin path");

        group = "Lifecycle";
        order = 0;
        def.define(PART_START_TIMEOUT_MS, Type.LONG, 150_000L, Range.between(1_000, 3_600_000), Importance.LOW,
                        "How long one part may take to start and answer its readiness check.",
                        group, ++order, Width.SHORT, "Part start timeout")
                .define(STOP_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1_000, 600_000), Importance.LOW,
                        "How long stopping every part may take in all.", group, ++order, Width.SHORT, "Stop timeout");
        return def;
    }
}
