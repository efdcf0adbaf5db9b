package io.clayflow.connect.hubspot;

import io.clayflow.config.KeyGroup;
import io.clayflow.connect.http.HttpSettings;
import io.clayflow.connect.http.HttpUrls;
import io.clayflow.connect.http.PeerClient;
import io.clayflow.connect.http.ResilientHttp;
import io.clayflow.connect.resilience.ResilienceSettings;
import io.clayflow.connect.resilience.ResilientCall;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How the HubSpot connectors (sink and source) reach HubSpot: the same two keys, the API root and the private app's
 * token, declared and read once for both, and the client both call HubSpot with.
 */
public final class HubSpotAccess {

    public static final String BASE_URL = "hubspot.base.url";
    public static final String TOKEN = "hubspot.token";
    static final String DEFAULT_BASE_URL = "https://api.hubapi.com";

    private HubSpotAccess() {
    }

    /**
     * Declares {@link #BASE_URL} and {@link #TOKEN} in {@code group}.
     *
     * @param endpoint the path the connector calls under the root, for the documentation
     * @param scope the private app scope the connector needs
     */
    public static KeyGroup define(KeyGroup group, String endpoint, String scope) {
        return group.define(BASE_URL, Type.STRING, DEFAULT_BASE_URL, HttpUrls.apiRoot(DEFAULT_BASE_URL),
                        Importance.MEDIUM, "API base URL", "HubSpot's API root; the connector calls <root>" + endpoint
                                + ".")
                .define(TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "Private app token",
                        "The private app's access token (scope " + scope + "), sent as Authorization: Bearer. "
                                + "Never logged. A 401 fails the task: no record is to blame.");
    }

    /** The token, required: a blank one is refused naming the key, never showing the value. */
    public static String token(AbstractConfig config) {
        Password token = config.getPassword(TOKEN);
        String value = token == null ? "" : token.value().trim();
        if (value.isBlank()) {
            throw new ConfigException(TOKEN, "[hidden]", "the private app's access token is required");
        }
        return value;
    }

    /** {@code <root><path>}: the configured API root, without a trailing slash, then {@code path}. */
    public static URI uri(AbstractConfig config, String path) {
        String base = config.getString(BASE_URL).trim();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /**
     * HubSpot as the connector calls it: as the private app (Bearer token), with the timeouts of {@link HttpSettings},
     * under a resilience guard that waits what HubSpot asks for ({@link HubSpotWaitHint}), each 429 counted.
     */
    public static PeerClient client(AbstractConfig config, ResilienceSettings resilience, Runnable on429) {
        ResilientHttp guard = new ResilientHttp(ResilientCall.create("HubSpot", resilience), HubSpotWaitHint::of);
        return new PeerClient(HttpSettings.client(config), guard, Map.of("Authorization", "Bearer " + token(config)),
                on429);
    }
}
