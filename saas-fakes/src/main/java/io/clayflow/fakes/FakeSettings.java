package io.clayflow.fakes;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.PASSWORD;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;

/**
 * The settings of an optional fake of the app (the HubSpot and Outreach fakes), under its prefix there: the keys every
 * such fake has (whether it runs, where, its token, its seed), read into the fake's configuration when it is enabled.
 *
 * @param <C> the fake's configuration
 */
public abstract class FakeSettings<C> extends AbstractConfig {

    public static final String ENABLED = "enabled";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String TOKEN = "token";
    public static final String SEED = "seed";

    /** @param definition {@link #define}'s keys and the fake's own */
    protected FakeSettings(ConfigDef definition, Map<String, ?> props) {
        super(definition, props, false);
    }

    /** A definition holding the shared keys, off by default, on loopback. */
    protected static ConfigDef define(String fake, int defaultPort, String defaultToken) {
        return new ConfigDef()
                .define(ENABLED, BOOLEAN, false, HIGH, "Whether the app runs the " + fake + " fake too.")
                .define(HTTP_HOST, STRING, FakeConfigBuilder.DEFAULT_HOST, new NonEmptyString(), HIGH,
                        "Interface to bind.")
                .define(HTTP_PORT, INT, defaultPort, Range.between(0, 65_535), HIGH, "Port to bind; 0: a free one.")
                .define(TOKEN, PASSWORD, defaultToken, HIGH, "The bearer token it accepts.")
                .define(SEED, LONG, FakeConfigBuilder.DEFAULT_SEED, LOW, "Seeds the fault draws.");
    }

    /** The fake's configuration when {@code enabled} is true; empty when the app does not run it. */
    public final Optional<C> ifEnabled() {
        return getBoolean(ENABLED) ? Optional.of(toConfig()) : Optional.empty();
    }

    /** The fake's configuration from every key. */
    protected abstract C toConfig();

    /** {@code builder} with where the fake listens and its seed from the shared keys. */
    protected final <B extends FakeConfigBuilder<B, ?, C>> B listening(B builder) {
        return builder.host(getString(HTTP_HOST)).port(getInt(HTTP_PORT)).seed(getLong(SEED));
    }

    /** The token the fake accepts. */
    protected final String token() {
        return getPassword(TOKEN).value();
    }
}
