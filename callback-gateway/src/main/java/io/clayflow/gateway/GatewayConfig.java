package io.clayflow.gateway;

import io.clayflow.gateway.status.StatusPageConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The gateway's typed configuration, as {@link GatewayConfigLoader} reads it. {@code kafka} holds producer settings
 * passed through as they are (the {@code kafka.} prefix removed), {@code serde} the registry/serializer settings (the
 * {@code serde.} prefix removed), {@code status} the status page's. {@link #toString()} masks tokens and any secret-looking pass-through setting.
 */
public record GatewayConfig(
        String httpHost, int httpPort, int httpInstances, int maxBodyBytes, String tlsCertPath, String tlsKeyPath,
        String managementHost, int managementPort,
        BearerTokens callbackTokens, ColumnMapping columns, String callbackDefaultSource,
        Duration replayWindow, int replayMaxEntries,
        BearerTokens leadsTokens, int leadsMaxBatch,
        String enrichedTopic, String rawTopic,
        int maxInFlight, Duration produceTimeout, int retryAfterSeconds,
        Duration readinessTimeout, Duration shutdownTimeout,
        Map<String, String> kafka, Map<String, String> serde, StatusPageConfig status) {

    public GatewayConfig {
        Objects.requireNonNull(callbackTokens, "callbackTokens");
        Objects.requireNonNull(leadsTokens, "leadsTokens");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(status, "status");
        kafka = Map.copyOf(kafka);
        serde = Map.copyOf(serde);
    }

    /** Whether the public port serves HTTPS (both PEM paths set). */
    public boolean tls() {
        return tlsCertPath != null && tlsKeyPath != null;
    }

    @Override
    public String toString() {
        return "GatewayConfig{http=" + httpHost + ":" + httpPort + (tls() ? " (TLS " + tlsCertPath + ")" : "")
                + ", httpInstances=" + httpInstances + ", maxBodyBytes=" + maxBodyBytes + ", management=" + managementHost + ":" + managementPort
                + ", callbackTokens=" + callbackTokens + ", columns=" + columns
                + ", callbackDefaultSource=" + callbackDefaultSource + ", replayWindow=" + replayWindow
                + ", replayMaxEntries=" + replayMaxEntries + ", leadsTokens=" + leadsTokens
                + ", leadsMaxBatch=" + leadsMaxBatch + ", topics=[" + enrichedTopic + ", " + rawTopic + "]"
                + ", maxInFlight=" + maxInFlight + ", produceTimeout=" + produceTimeout
                + ", retryAfterSeconds=" + retryAfterSeconds + ", readinessTimeout=" + readinessTimeout
                + ", shutdownTimeout=" + shutdownTimeout + ", kafka=" + masked(kafka) + ", serde=" + masked(serde) + ", status=" + status + "}";
    }

    static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, isSecret(k) ? "[masked]" : maskUrlCredentials(v)));
        return out;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.contains("token")
                || k.contains("user.info") || k.endsWith(".key") || k.contains("credentials");
    }

    private static String maskUrlCredentials(String value) {
        return value == null ? null : value.replaceAll("://[^/@\\s,]+@", "://[masked]@");
    }
}
