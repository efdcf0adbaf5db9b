package io.clayflow.stack;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.ledger.ClayLedgerConfig;
import io.clayflow.routing.RoutingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** The stack's settings with their types, defaults, validators and documentation ({@link StackConfig}'s keys). */
final class StackConfigDefinition {

    private StackConfigDefinition() {
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

    static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        String group = "Where";
        int order = 0;
        def.define(StackConfig.DATA_DIR, Type.STRING, "data", new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Directory every part keeps its data in between runs (created if missing).",
                        group, ++order, Width.LONG, "Data directory")
                .define(StackConfig.HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Address every part binds to and advertises.", group, ++order, Width.MEDIUM, "Host");

        group = "Ports";
        order = 0;
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(StackConfig.KAFKA_PORT, 9092);
        ports.put(StackConfig.KAFKA_CONTROLLER_PORT, 9093);
        ports.put(StackConfig.REGISTRY_PORT, 8081);
        ports.put(StackConfig.REGISTRY_MANAGEMENT_PORT, 9000);
        ports.put(StackConfig.CONNECT_PORT, 8083);
        ports.put(StackConfig.GATEWAY_PORT, 8080);
        ports.put(StackConfig.GATEWAY_MANAGEMENT_PORT, 9090);
        ports.put(StackConfig.SIMULATOR_PORT, 8090);
        ports.put(StackConfig.HUBSPOT_PORT, 8091);
        ports.put(StackConfig.OUTREACH_PORT, 8092);
        // The apps' own management ports, so a Prometheus set up for the apps scrapes `up` unchanged.
        ports.put(StackConfig.INTAKE_METRICS_PORT, IntakeConfig.DEFAULT_METRICS_PORT);
        ports.put(StackConfig.ROUTING_METRICS_PORT, RoutingConfig.DEFAULT_METRICS_PORT);
        ports.put(StackConfig.LEDGER_METRICS_PORT, ClayLedgerConfig.DEFAULT_MANAGEMENT_PORT);
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            boolean optional = StackConfig.OPTIONAL_PORT_KEYS.contains(port.getKey());
            def.define(port.getKey(), Type.INT, port.getValue(), optional ? metricsPort() : Range.between(1, 65_535),
                    Importance.HIGH, "TCP port of " + port.getKey().replace(".port", "").replace('.', ' ')
                            + (optional ? " (GET /metrics for Prometheus); -1: not served." : "."),
                    group, ++order, Width.SHORT, port.getKey());
        }

        group = "Build";
        order = 0;
        def.define(StackConfig.REGISTRY_DISTRIBUTION_DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "Directory holding the unpacked Apicurio Registry builds, one per version "
                                + "(the stack module's build fills it).", group, ++order, Width.LONG, "Registry builds")
                .define(StackConfig.REGISTRY_VERSION_JAVA17, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Registry build run on Java 17-20.", group, ++order, Width.SHORT, "Java 17 build")
                .define(StackConfig.REGISTRY_VERSION_JAVA21, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.LOW, "Registry build run when a Java 21+ runtime is found.", group, ++order,
                        Width.SHORT, "Java 21 build")
                .define(StackConfig.REGISTRY_JAVA_HOME, Type.STRING, "", Importance.LOW,
                        "A Java 21+ home for the registry; empty: this JVM if 21+, else the newest under /usr/lib/jvm, "
                                + "else the Java 17 build on this JVM.", group, ++order, Width.LONG, "Registry Java")
                .define(StackConfig.CONNECT_PLUGIN_PATH, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "The Connect worker's plugin.path: the connectors module's packaged "
                                + "plugin directory.", group, ++order, Width.LONG, "Connect plugin path");

        group = "Lifecycle";
        order = 0;
        def.define(StackConfig.PART_START_TIMEOUT_MS, Type.LONG, 150_000L, Range.between(1_000, 3_600_000), Importance.LOW,
                        "How long one part may take to start and answer its readiness check.",
                        group, ++order, Width.SHORT, "Part start timeout")
                .define(StackConfig.STOP_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(1_000, 600_000), Importance.LOW,
                        "How long stopping every part may take in all.", group, ++order, Width.SHORT, "Stop timeout");
        return def;
    }
}
