package io.clayflow.config;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings every clayflow app shares, spelled once: the same key, default and environment variable in the
 * intake and routing apps, the gateway, the status app, the CLI, the stack and docker-compose.
 */
public final class SharedKeys {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    /**
     * Where {@code ./clayflow up} and docker-compose serve the Confluent-compatible registry API (Apicurio's
     * {@code /apis/ccompat/v7}). A Confluent Schema Registry, Karapace or Redpanda serves it at its root: set
     * {@value #SCHEMA_REGISTRY_URL} (or {@value #ENV_SCHEMA_REGISTRY_URL}) to that root URL.
     */
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";

    public static final String ENV_BOOTSTRAP_SERVERS = "CLAYFLOW_BOOTSTRAP_SERVERS";
    public static final String ENV_SCHEMA_REGISTRY_URL = "CLAYFLOW_SCHEMA_REGISTRY_URL";

    /** The shared environment variables and the key each sets in every app (an app-prefixed variable wins). */
    public static final Map<String, String> SHARED_ENVIRONMENT = Map.of(
            ENV_BOOTSTRAP_SERVERS, BOOTSTRAP_SERVERS,
            ENV_SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_URL);

    private SharedKeys() {
    }

    /** Defines {@value #BOOTSTRAP_SERVERS} and {@value #SCHEMA_REGISTRY_URL} with the shared defaults. */
    public static ConfigDef defineConnection(ConfigDef def, String group) {
        return KeyGroup.of(def, group)
                .define(BOOTSTRAP_SERVERS, Type.LIST, DEFAULT_BOOTSTRAP_SERVERS, NON_EMPTY_LIST, Importance.HIGH,
                        "Bootstrap servers",
                        "Kafka brokers to bootstrap from (env " + ENV_BOOTSTRAP_SERVERS + " in every app).")
                .define(SCHEMA_REGISTRY_URL, Type.LIST, DEFAULT_SCHEMA_REGISTRY_URL, NON_EMPTY_LIST, Importance.HIGH,
                        "Schema registry URL",
                        "Base URL(s) of the Confluent-compatible schema registry API. The default is where "
                                + "./clayflow up and docker-compose serve it; a Confluent Schema Registry serves it "
                                + "at its root URL (env " + ENV_SCHEMA_REGISTRY_URL + " in every app).")
                .definition();
    }

    /** A list setting that must name at least one non-blank value. */
    public static final ConfigDef.Validator NON_EMPTY_LIST = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof java.util.List<?> list) || list.isEmpty()
                    || list.stream().anyMatch(item -> item == null || item.toString().isBlank())) {
                throw new ConfigException(name, value, "must name at least one value");
            }
        }

        @Override
        public String toString() {
            return "non-empty list";
        }
    };
}
