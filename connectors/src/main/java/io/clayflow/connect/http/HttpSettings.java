package io.clayflow.connect.http;

import io.clayflow.connect.ConfigGroup;
import java.time.Duration;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The "HTTP" group the sinks that call an HTTP API share: connection and request timeouts. */
public final class HttpSettings {

    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "http.request.timeout.ms";

    private HttpSettings() {
    }

    /** @param requestTimeoutMs the default for one request, answer included (HubSpot's batches take longer) */
    public static ConfigDef define(ConfigDef def, int requestTimeoutMs) {
        return ConfigGroup.of(def, "HTTP")
                .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, Range.atLeast(1), Importance.LOW, "Connection timeout.",
                        "Connect timeout (ms)")
                .define(REQUEST_TIMEOUT_MS, Type.INT, requestTimeoutMs, Range.atLeast(1), Importance.LOW,
                        "Timeout of one request, answer included.", "Request timeout (ms)")
                .def();
    }

    /** A client with the timeouts of a config defined with {@link #define}. */
    public static JsonHttpClient client(AbstractConfig config) {
        return JsonHttpClient.create(Duration.ofMillis(config.getInt(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getInt(REQUEST_TIMEOUT_MS)));
    }
}
