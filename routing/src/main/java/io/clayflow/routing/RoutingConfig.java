package io.clayflow.routing;

import io.clayflow.config.LayeredProperties;
import io.clayflow.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;

/**
 * The routing app's settings: defaults in {@code routing.properties} on the classpath, then an optional file, then
 * {@code CLAYFLOW_ROUTING_*} environment variables. Any Kafka Streams, client, producer or consumer setting passes
 * through under {@code streams.}, any serde or schema-registry setting under {@code serde.}.
 */
public class RoutingConfig extends StreamsAppConfig {

    public static final String DEFAULTS_RESOURCE = "routing.properties";
    public static final String ENV_PREFIX = "CLAYFLOW_ROUTING_";
    /** Where routing serves GET /metrics by default. */
    public static final int DEFAULT_METRICS_PORT = 9192;

    /** Path of the rules file; empty for the rules shipped on the classpath. */
    public static final String RULES_FILE = "rules.file";

    private static final ConfigDef CONFIG_DEF = definition();

    public RoutingConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, "routing",
                "a lead must reach each of its routes once, and its dead letter commit with its offset");
    }

    /** The configuration of a running app: classpath defaults, then {@code file} when given, then the environment. */
    public static RoutingConfig load(Path file, Map<String, String> environment) {
        try {
            return new RoutingConfig(LayeredProperties.load(RoutingConfig.class, DEFAULTS_RESOURCE, file, ENV_PREFIX,
                    environment, "routing"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The defaults shipped in {@code routing.properties}. */
    public static Map<String, String> classpathDefaults() {
        return LayeredProperties.classpath(RoutingConfig.class, DEFAULTS_RESOURCE);
    }

    /**
     * The rules, read and compiled: the file {@value #RULES_FILE} names, or the shipped defaults.
     *
     * @throws RuleFileException naming the file and the line when the rules cannot be used
     */
    public RouteRules routeRules() {
        String file = getString(RULES_FILE);
        return file == null || file.isBlank() ? RouteRules.defaults() : RouteRules.load(Path.of(file.strip()));
    }

    @Override
    protected Class<? extends DeserializationExceptionHandler> deserializationExceptionHandler() {
        // Routing reads String keys and raw bytes, which always deserialize; it decodes the Avro itself.
        return null;
    }

    @Override
    protected Class<? extends ProcessingExceptionHandler> processingExceptionHandler() {
        return RoutingDeadLetterHandler.class;
    }

    /** The definition, for documentation and tooling. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG_DEF);
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        defineKafkaSettings(def, "clayflow-routing", "routing");
        defineMetricsSettings(def, DEFAULT_METRICS_PORT);
        def.define(RULES_FILE, Type.STRING, "", Importance.HIGH,
                "Path of the routing rules file: one '<route>[, <route>...]: <CEL expression>' per line (see the "
                        + "routing README). Empty: the rules shipped with the app (routing.rules on the classpath). "
                        + "A file that cannot be used stops the app at start-up, naming its line.",
                "Rules", 1, Width.LONG, "Rules file");
        return def;
    }
}
