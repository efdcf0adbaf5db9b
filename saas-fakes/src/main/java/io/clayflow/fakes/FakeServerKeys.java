package io.clayflow.fakes;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.PASSWORD;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;

/** The keys every optional fake of the app has (the HubSpot and Outreach fakes): whether it runs, where, its token. */
public final class FakeServerKeys {

    public static final String ENABLED = "enabled";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String TOKEN = "token";
    public static final String SEED = "seed";

    private FakeServerKeys() {
    }

    /** A definition holding the shared keys, off by default, on loopback. */
    public static ConfigDef define(String fake, int defaultPort, String defaultToken) {
        return new ConfigDef()
                .define(ENABLED, BOOLEAN, false, HIGH, "Whether the app runs the " + fake + " fake too.")
                .define(HTTP_HOST, STRING, "127.0.0.1", new NonEmptyString(), HIGH, "Interface to bind.")
                .define(HTTP_PORT, INT, defaultPort, Range.between(0, 65_535), HIGH, "Port to bind; 0: a free one.")
                .define(TOKEN, PASSWORD, defaultToken, HIGH, "The bearer token it accepts.")
                .define(SEED, LONG, 42L, LOW, "Seeds the fault draws.");
    }
}
