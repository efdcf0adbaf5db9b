package io.clayflow.cli;

import io.clayflow.config.SharedKeys;
import io.clayflow.status.ClusterSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The options every command that talks to a cluster shares (each extends {@link ClusterCommand}): brokers,
 * registry, extra client settings from a file and from {@code -X}, and a timeout. The defaults are every app's
 * ({@link SharedKeys}): what {@code ./clayflow up} serves, or the shared environment variables
 * ({@code CLAYFLOW_BOOTSTRAP_SERVERS}, {@code CLAYFLOW_SCHEMA_REGISTRY_URL}).
 */
public final class ClusterOptions {

    // --bootstrap-server too: the spelling of Kafka's own tools.
    @Option(names = {"--bootstrap-servers", "--bootstrap-server"}, paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:" + SharedKeys.ENV_BOOTSTRAP_SERVERS + ":-" + SharedKeys.DEFAULT_BOOTSTRAP_SERVERS
                    + "}",
            description = "Kafka brokers to connect to (default: ${DEFAULT-VALUE}; env "
                    + SharedKeys.ENV_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL[,...]",
            defaultValue = "${env:" + SharedKeys.ENV_SCHEMA_REGISTRY_URL + ":-" + SharedKeys.DEFAULT_SCHEMA_REGISTRY_URL
                    + "}",
            description = "Confluent-compatible schema registry API (default: ${DEFAULT-VALUE}, where ./clayflow up "
                    + "serves it; a Confluent Schema Registry serves it at its root URL, e.g. http://localhost:8081; "
                    + "env " + SharedKeys.ENV_SCHEMA_REGISTRY_URL + ").")
    String schemaRegistryUrl;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "A properties file of extra settings for every Kafka client and the registry client, "
                    + "e.g. security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location, "
                    + "basic.auth.credentials.source, basic.auth.user.info. Never printed.")
    Path commandConfig;

    @Option(names = {"-X", "--client-property"}, paramLabel = "KEY=VALUE",
            description = "One extra client setting; repeatable; wins over --command-config.")
    Map<String, String> clientProperties = new LinkedHashMap<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for the cluster before giving up, e.g. 10s, 500ms, PT1M "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The settings these options name; a bad {@code --command-config} file is a {@link CliException}. */
    public ClusterSettings settings() {
        Map<String, String> props = new LinkedHashMap<>();
        if (commandConfig != null) {
            props.putAll(readProperties(commandConfig));
        }
        props.putAll(clientProperties);
        return new ClusterSettings(bootstrapServers, schemaRegistryUrl, props, timeout);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read --command-config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
