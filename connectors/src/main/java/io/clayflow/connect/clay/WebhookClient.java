package io.clayflow.connect.clay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/** Posts one JSON body to one Clay webhook, with the token in {@code x-clay-webhook-auth}, and reads the answer. */
class WebhookClient {

    static final String AUTH_HEADER = "x-clay-webhook-auth";

    private final HttpClient http;
    private final Duration requestTimeout;
    private final Optional<String> token;

    WebhookClient(HttpClient http, Duration requestTimeout, Optional<String> token) {
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.token = Objects.requireNonNull(token, "token");
    }

    static WebhookClient create(ClayWebhookSinkConfig config) {
        return new WebhookClient(HttpClient.newBuilder().connectTimeout(config.httpConnectTimeout()).build(),
                config.httpRequestTimeout(), config.webhookToken());
    }

    /**
     * @throws IOException when no answer came (connection refused, timeout): the caller may retry
     */
    WebhookResponse post(URI webhook, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        token.ifPresent(value -> request.header(AUTH_HEADER, value));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null ? "" : response.body();
            return new WebhookResponse(response.statusCode(), retryAfter(response), 
                    text.length() > 500 ? text.substring(0, 500) : text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while posting to a Clay webhook", e);
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: fall back to our own backoff
            }
        });
    }
}
