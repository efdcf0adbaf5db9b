package io.clayflow.connect.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.connect.errors.ConnectException;

/** Sends JSON requests with bounded connect and request timeouts, and reads the whole answer. */
public final class JsonHttpClient {

    private final HttpClient http;
    private final Duration requestTimeout;

    private JsonHttpClient(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static JsonHttpClient create(Duration connectTimeout, Duration requestTimeout) {
        return new JsonHttpClient(connectTimeout, requestTimeout);
    }

    /**
     * @param body the JSON body, or null for none (GET)
     * @param headers extra headers, e.g. Authorization; never logged here
     * @throws IOException when no answer came (connection refused, timeout): the caller may retry
     */
    public HttpReply send(String method, URI uri, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        // A caller's own Accept or Content-Type (e.g. JSON:API's) replaces the default rather than joining it.
        if (!hasHeader(headers, "Accept")) {
            request.header("Accept", "application/json");
        }
        if (body != null && !hasHeader(headers, "Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new HttpReply(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while calling " + uri.getHost(), e);
        }
    }

    private static boolean hasHeader(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    public HttpReply post(URI uri, byte[] body, Map<String, String> headers) throws IOException {
        return send("POST", uri, body, headers);
    }
}
