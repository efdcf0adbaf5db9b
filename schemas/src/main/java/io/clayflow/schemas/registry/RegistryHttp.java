package io.clayflow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's REST calls: one request to the current base URL (the next URL after one cannot be reached), the
 * credentials, and retries with exponential backoff on the answers that may succeed later; a refusal becomes a
 * {@link SchemaRegistryException} carrying the registry's status and {@code error_code}.
 */
final class RegistryHttp {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private final List<URI> baseUrls;
    private final AtomicInteger currentUrl = new AtomicInteger();
    private final Optional<String> authorization;
    private final Retry retry;

    RegistryHttp(SchemaRegistryClientConfig config, HttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrls = config.urls().stream().map(RegistryHttp::withoutUserInfo).toList();
        this.authorization = config.bearerToken().map(token -> "Bearer " + token).or(config::basicAuthHeader);
        SchemaRegistryClientConfig.RetryPolicy policy = config.retryPolicy();
        this.retry = Retry.of("schema-registry", RetryConfig.custom()
                .maxAttempts(policy.maxRetries() + 1)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        Math.max(1, policy.firstWait().toMillis()), 2.0, 0.5, Math.max(1, policy.maxWait().toMillis())))
                .retryOnException(e -> e instanceof SchemaRegistryException sre && sre.isRetryable())
                .build());
        retry.getEventPublisher().onRetry(event -> LOG.warn("Schema registry call failed, retry {} in {}: {}",
                event.getNumberOfRetryAttempts(), event.getWaitInterval(),
                event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage()));
    }

    /** The base URLs without credentials: safe to log, and what cached schemas are keyed by. */
    List<URI> baseUrls() {
        return baseUrls;
    }

    /** The answer's JSON (a null node for an empty body), retried while the failure may pass. */
    JsonNode call(String method, String path, ObjectNode body) {
        return retry.executeSupplier(() -> callOnce(method, path, body));
    }

    private JsonNode callOnce(String method, String path, ObjectNode body) {
        int index = Math.floorMod(currentUrl.get(), baseUrls.size());
        URI base = baseUrls.get(index);
        URI uri = URI.create(stripTrailingSlash(base.toString()) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.readTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (SSLException e) {
            throw SchemaRegistryException.tlsHandshake(tlsFailure(base, e), e);
        } catch (IOException e) {
            // The next attempt goes to the next URL: a registry that cannot be reached may have a healthy peer.
            currentUrl.compareAndSet(index, index + 1);
            throw new SchemaRegistryException("Schema registry at " + base + " could not be reached for "
                    + method + " " + path + ": " + e + httpsHint(base), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
        return parseAnswer(method, path, response);
    }

    private static JsonNode parseAnswer(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode json;
        try {
            json = response.body() == null || response.body().isEmpty()
                    ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw new SchemaRegistryException("Registry answered " + method + " " + path
                        + " with a body that is not JSON: " + abbreviate(response.body()), status, -1);
            }
            json = JSON.nullNode();
        }
        if (status / 100 == 2) {
            return json;
        }
        int errorCode = json.path("error_code").asInt(-1);
        String message = json.path("message").asText(abbreviate(response.body()));
        throw new SchemaRegistryException("Schema registry refused " + method + " " + path + ": HTTP " + status
                + (errorCode >= 0 ? ", error_code " + errorCode : "") + ": " + message, status, errorCode);
    }

    /** What a failed handshake means, in the settings' words: a trust problem is fixed by the truststore. */
    private String tlsFailure(URI base, SSLException e) {
        String detail = rootMessage(e);
        String truststoreKey = SchemaRegistryClientConfig.TRUSTSTORE.location();
        String trust = config.truststore().map(store -> truststoreKey + "=" + store.location())
                .orElse("the JVM's default truststore (" + truststoreKey + " is not set)");
        if (detail.contains("PKIX") || detail.contains("certification path") || detail.contains("No subject alternative")
                || detail.contains("No name matching")) {
            return "TLS handshake with the schema registry at " + base + " failed: its certificate is not trusted by "
                    + trust + " or does not name the host " + base.getHost() + " (" + detail + ")";
        }
        return "TLS handshake with the schema registry at " + base + " failed (" + detail + "); check "
                + SchemaRegistryClientConfig.KEYSTORE.location() + " if the registry asks for a client certificate, "
                + "and " + trust;
    }

    /**
     * Under TLS 1.3 a registry refuses a client certificate (or its absence) after the client's side of the handshake
     * is done, so the client sees a closed connection rather than a handshake failure: say where to look.
     */
    private String httpsHint(URI base) {
        if (!"https".equals(base.getScheme())) {
            return "";
        }
        String keystoreKey = SchemaRegistryClientConfig.KEYSTORE.location();
        return config.keystore().map(store -> " (over https: if the registry requires a client certificate, it may "
                + "not trust the one in " + keystoreKey + "=" + store.location() + ")")
                .orElse(" (over https: a registry that requires a client certificate closes the connection like this "
                        + "when " + keystoreKey + " is not set)");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Bad registry URL " + uri.getHost(), e);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
