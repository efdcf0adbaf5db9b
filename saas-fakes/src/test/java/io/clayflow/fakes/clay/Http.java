package io.clayflow.fakes.clay;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** Plain HTTP/1.1 calls over loopback, as a connector would make them. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** POST {@code body} as JSON; {@code headers} are name, value pairs. */
    static HttpResponse<String> post(String url, String body, String... headers) {
        return send(request(url, headers).POST(BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> put(String url, String body) {
        return send(request(url).PUT(BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> get(String url) {
        return send(request(url).GET().build());
    }

    static JsonObject json(HttpResponse<String> response) {
        return new JsonObject(response.body());
    }

    static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A lead row as the connector sends it. */
    static JsonObject lead(String leadId) {
        return new JsonObject().put("lead_id", leadId).put("email", leadId + "@acme.com").put("first_name", "Ada")
                .put("last_name", "Lovelace").put("company_domain", "acme.com").put("title", "VP Engineering")
                .put("source", "web-form").put("occurred_at", 1_767_225_600_000L);
    }
}
