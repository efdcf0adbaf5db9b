package io.clayflow.gateway.config;

import io.clayflow.config.KeyGroup;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * {@code POST /v1/hubspot/webhook}'s settings ({@code hubspot.webhook.*}): the HubSpot app's client secret that signs
 * each delivery (empty when none is set; never printed), how old a delivery may be, the URL HubSpot calls (empty: the
 * request's own), and how many event ids are remembered.
 */
public record HubSpotWebhookConfig(Optional<String> clientSecret, Duration maxAge, Optional<String> publicUrl,
        int replayMaxEntries) {

    public static final String PREFIX = "hubspot.webhook.";
    public static final String CLIENT_SECRET = PREFIX + "client.secret";
    public static final String MAX_AGE_MS = PREFIX + "max.age.ms";
    public static final String PUBLIC_URL = PREFIX + "public.url";
    public static final String REPLAY_MAX_ENTRIES = PREFIX + "replay.max.entries";

    static void define(ConfigDef def) {
        KeyGroup.of(def, "HubSpot webhook")
                .define(CLIENT_SECRET, Type.PASSWORD, "", Importance.HIGH, "Client secret",
                        "The HubSpot app's client secret, which signs every webhook delivery "
                                + "(X-HubSpot-Signature-v3); none: every delivery is 401.")
                .define(MAX_AGE_MS, Type.LONG, 300_000L, Range.atLeast(1), Importance.LOW, "Largest age",
                        "A delivery whose X-HubSpot-Request-Timestamp is further from now than this is refused "
                                + "(401), so a captured request cannot be replayed later (HubSpot: 5 minutes).")
                .define(PUBLIC_URL, Type.STRING, "", Importance.MEDIUM, "Public URL",
                        "The webhook URL as registered in HubSpot (it signs that URL), e.g. "
                                + "https://hooks.example.com/v1/hubspot/webhook; empty: the URL of the request as "
                                + "the gateway sees it, right unless a proxy rewrites scheme, host or path.")
                .define(REPLAY_MAX_ENTRIES, Type.INT, 100_000, Range.between(1, 10_000_000), Importance.LOW,
                        "Event ids remembered", "Event ids remembered for 24 hours (HubSpot retries a delivery for "
                                + "up to a day): a delivery repeating one is answered 200 without a second publish.");
    }

    static HubSpotWebhookConfig from(AbstractConfig parsed) {
        return new HubSpotWebhookConfig(GatewayValidators.nonBlank(parsed.getPassword(CLIENT_SECRET).value())
                .map(String::strip), Duration.ofMillis(parsed.getLong(MAX_AGE_MS)),
                GatewayValidators.nonBlank(parsed.getString(PUBLIC_URL)).map(String::strip),
                parsed.getInt(REPLAY_MAX_ENTRIES));
    }

    @Override
    public String toString() {
        return "HubSpotWebhookConfig[clientSecret=" + clientSecret.map(secret -> "[hidden]").orElse("none")
                + ", maxAge=" + maxAge + ", publicUrl=" + publicUrl + ", replayMaxEntries=" + replayMaxEntries + "]";
    }
}
