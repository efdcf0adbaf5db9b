package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The public port's settings ({@code http.*}): address, event loops ({@code instances}, {@value #AUTO} already read
 * as one per available processor), body limit, TLS (both paths or neither).
 */
public record HttpConfig(String host, int port, int instances, int maxBodyBytes, Optional<String> tlsCertPath,
        Optional<String> tlsKeyPath) {

    public static final String PREFIX = "http.";
    public static final String HOST = PREFIX + "host";
    public static final String PORT = PREFIX + "port";
    public static final String INSTANCES = PREFIX + "instances";
    public static final String MAX_BODY_BYTES = PREFIX + "max.body.bytes";
    public static final String TLS_CERT_PATH = PREFIX + "tls.cert.path";
    public static final String TLS_KEY_PATH = PREFIX + "tls.key.path";
    /** {@value #INSTANCES}: one event loop per available processor. */
    public static final String AUTO = "auto";

    public HttpConfig {
        if (tlsCertPath.isPresent() != tlsKeyPath.isPresent()) {
            throw new ConfigException(tlsCertPath.isPresent() ? TLS_KEY_PATH : TLS_CERT_PATH, "",
                    "HTTPS needs both " + TLS_CERT_PATH + " and " + TLS_KEY_PATH + " (both or neither)");
        }
    }

    static void define(ConfigDef def) {
        KeyGroup.of(def, "HTTP")
                .define(HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.HIGH, "Public host",
                        "Address of the public port (Clay's callbacks, lead intake).")
                .define(PORT, Type.INT, 8080, Range.between(0, 65_535), Importance.HIGH, "Public port",
                        "The public port.")
                .define(INSTANCES, Type.STRING, AUTO, GatewayValidators.countOrAuto(1, 1_024), Importance.LOW,
                        "Event loops", "Event loops serving the public port, each a server instance sharing it: a "
                                + "number, or auto for one per available processor.")
                .define(MAX_BODY_BYTES, Type.INT, 102_400, Range.between(1, 100_000_000), Importance.MEDIUM,
                        "Largest body", "Largest request body; larger ones get 413. Clay's own payloads stay under "
                                + "100 KB.")
                .define(TLS_CERT_PATH, Type.STRING, "", Importance.MEDIUM, "TLS certificate",
                        "PEM certificate: HTTPS on the public port when it and the key are both set.")
                .define(TLS_KEY_PATH, Type.STRING, "", Importance.MEDIUM, "TLS key",
                        "PEM private key of the certificate.");
    }

    static HttpConfig from(AbstractConfig parsed) {
        String instances = parsed.getString(INSTANCES);
        return new HttpConfig(parsed.getString(HOST), parsed.getInt(PORT), instances.equalsIgnoreCase(AUTO)
                ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(instances),
                parsed.getInt(MAX_BODY_BYTES), GatewayValidators.nonBlank(parsed.getString(TLS_CERT_PATH)),
                GatewayValidators.nonBlank(parsed.getString(TLS_KEY_PATH)));
    }

    /** Whether the public port serves HTTPS. */
    public boolean tls() {
        return tlsCertPath.isPresent();
    }
}
