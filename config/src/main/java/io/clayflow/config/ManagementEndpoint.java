package io.clayflow.config;

import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Where an app serves its management endpoints (health, metrics): {@value SharedKeys#MANAGEMENT_HOST} and
 * {@value SharedKeys#MANAGEMENT_PORT}, declared the same way in every app that has them (group
 * {@value #GROUP}, every interface by default, a port from 0, any free one, to 65535) and read back as one value.
 * Each app says only its default port and what the port serves.
 */
public record ManagementEndpoint(String host, int port) {

    public static final String GROUP = "Management";
    public static final String DEFAULT_HOST = "0.0.0.0";

    public ManagementEndpoint {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Defines {@value SharedKeys#MANAGEMENT_HOST} and {@value SharedKeys#MANAGEMENT_PORT} in {@code def}, the port
     * defaulting to {@code defaultPort}; {@code hostDoc} and {@code portDoc} document them for this app.
     */
    public static ConfigDef define(ConfigDef def, int defaultPort, String hostDoc, String portDoc) {
        return KeyGroup.of(def, GROUP)
                .define(SharedKeys.MANAGEMENT_HOST, Type.STRING, DEFAULT_HOST, new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM, "Management host", hostDoc)
                .define(SharedKeys.MANAGEMENT_PORT, Type.INT, defaultPort, Range.between(0, 65_535), Importance.MEDIUM,
                        "Management port", portDoc)
                .definition();
    }

    /** The endpoint {@code config} holds; its definition has the two keys ({@link #define}). */
    public static ManagementEndpoint of(AbstractConfig config) {
        return new ManagementEndpoint(config.getString(SharedKeys.MANAGEMENT_HOST),
                config.getInt(SharedKeys.MANAGEMENT_PORT));
    }
}
