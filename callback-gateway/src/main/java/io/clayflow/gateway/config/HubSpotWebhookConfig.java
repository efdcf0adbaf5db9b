package io.clayflow.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * {@code POST /v1/hubspot/webhook}'s settings ({@code hubspot.webhook.*}): the HubSpot app's client secret that signs
 * each delivery, how old a delivery may be, the URL HubSpot calls, and how many event ids are remembered.
 */
public final class HubSpotWebhookConfig extends AbstractConfig {

    public static final String PREFIX = "hubspot.webhook.";
    public static final String CLIENT_SECRET = PREFIX + "client.secret";
    public static final String MAX_AGE_MS = PREFIX + "max.age.ms";
    public static final String PUBLIC_URL = PREFIX + "public.url";
    public static final String REPLAY_MAX_ENTRIES = PREFIX + "replay.max.entries";

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(CLIENT_SECRET, Type.PASSWORD, "", Importance.HIGH,
                    "The HubSpot app's client secret, which signs every webhook delivery (X-HubSpot-Signature-v3); "
                            + "none: every delivery is 401.")
            .define(MAX_AGE_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW,
                    "A delivery whose X-HubSpot-Request-Timestamp is further from now than this is refused (401), "
                            + "so a captured request cannot be replayed later (HubSpot: 5 minutes).")
            .define(PUBLIC_URL, Type.STRING, "", Importance.MEDIUM,
                    "The webhook URL as registered in HubSpot (it signs that URL), e.g. "
                            + "https://hooks.example.com/v1/hubspot/webhook; empty: the URL of the request as the "
                            + "gateway sees it, right unless a proxy rewrites scheme, host or path.")
            .define(REPLAY_MAX_ENTRIES, Type.INT, 100_000, Range.between(1, 10_000_000), Importance.LOW,
                    "Event ids remembered for 24 hours (HubSpot retries a delivery for up to a day): a delivery "
                            + "repeating one is answered 200 without a second publish.");

    HubSpotWebhookConfig(Map<String, ?> props) {
        super(DEFINITION, props, false);
    }

    /** The client secret, or empty when none is set. */
    public Optional<String> clientSecret() {
        String secret = getPassword(CLIENT_SECRET).value();
        return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret.strip());
    }

    public Duration maxAge() {
        return Duration.ofMillis(getLong(MAX_AGE_MS));
    }

    public Optional<String> publicUrl() {
        String url = getString(PUBLIC_URL);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    public int replayMaxEntries() {
        return getInt(REPLAY_MAX_ENTRIES);
    }
}
