package io.clayflow.localservers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** The two calls of a schema registry's Confluent-compatible API that starting one needs: is it up, and its rule. */
public final class RegistryApi {

    /** The content type of the Confluent schema registry API. */
    public static final String CONFLUENT_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final String url;
    private final Duration timeout;
    private final HttpClient http;

    /** {@code url}: the API base, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public RegistryApi(String url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Whether {@code GET /subjects} answers 200 now; false while nothing listens. */
    public boolean answers() throws InterruptedException {
        try {
            HttpRequest probe = HttpRequest.newBuilder(URI.create(url + "/subjects")).timeout(timeout).GET().build();
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sets the global compatibility rule (clayflow's schemas evolve {@code BACKWARD}-compatibly, so the registry
     * refuses a schema that would break that).
     *
     * @throws IOException when the registry cannot be reached or answers anything but 200 (the message says what)
     */
    public void setGlobalCompatibility(String level) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/config"))
                .timeout(timeout)
                .header("Content-Type", CONFLUENT_CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
