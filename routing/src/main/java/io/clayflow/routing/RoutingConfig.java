package io.clayflow.routing;

import io.clayflow.config.AppSettings;
import io.clayflow.config.KeyGroup;
import io.clayflow.schemas.StateStores;
import io.clayflow.streams.ConfigLoader;
import io.clayflow.streams.StreamsAppConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The routing app's settings: defaults in {@code routing.properties} on the classpath, then an optional file, then
 * {@code CLAYFLOW_ROUTING_*} environment variables (read through {@link AppSettings}: every defined key is
 * reachable, an unknown key is refused naming the closest one). Any Kafka Streams, client, producer or consumer
 * setting passes through under {@code streams.}, any serde or schema-registry setting under {@code serde.}. Routing
 * reads String keys and raw bytes, which always deserialize, and decodes the Avro itself: it needs no
 * deserialization handler.
 */
public class RoutingConfig extends StreamsAppConfig {

    public static final String APP = "routing";
    public static final String ENV_PREFIX = AppSettings.envName(APP, "");
    /** Where routing serves GET /metrics and its health by default. */
    public static final int DEFAULT_METRICS_PORT = 9192;

    /** Path of the rules file; empty for the rules shipped on the classpath. */
    public static final String RULES_FILE = "rules.file";

    private static final ConfigDef CONFIG_DEF = definition();

    /** How routing reads its settings: {@code routing.properties}, then a file, then {@code CLAYFLOW_ROUTING_*}. */
    public static final ConfigLoader<RoutingConfig> LOADER = new ConfigLoader<>(APP, CONFIG_DEF, RoutingConfig.class,
            RoutingConfig::new);

    /** @param props the settings as they are (no defaults added); unknown keys are refused */
    public RoutingConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, APP,
                "a lead must reach each of its routes once, and its dead letter commit with its offset");
    }

    /** The configuration of a running app: classpath defaults, then {@code file} when given, then the environment. */
    public static RoutingConfig load(Path file, Map<String, String> environment) {
        return LOADER.load(file, environment);
    }

    /** What routing starts from when nothing is set: every key's default and what {@code routing.properties} sets. */
    public static Map<String, String> classpathDefaults() {
        return LOADER.defaults();
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

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        defineCommon(def, StateStores.Routing.APPLICATION_ID, APP, DEFAULT_METRICS_PORT);
        return KeyGroup.of(def, "Rules").define(RULES_FILE, Type.STRING, "", Importance.HIGH, "Rules file",
                "Path of the routing rules file: one '<route>[, <route>...]: <CEL expression>' per line (see the "
                        + "routing README). Empty: the rules shipped with the app (routing.rules on the classpath). "
                        + "A file that cannot be used stops the app at start-up, naming its line.").definition();
    }
}
