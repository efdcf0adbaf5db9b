package io.clayflow.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CRM source's {@link SourceProgress} from the Connect worker: its committed offsets
 * ({@code GET /connectors/{name}/offsets}, Kafka 3.6+) and the {@code clayflow_connect_last_search_ms} gauge on the
 * worker's {@code GET /metrics}. A part it cannot read is unknown (null), never an error: status shows the rest.
 */
final class SourceProgressReader {

    /** The offset field that holds the last modification time a HubSpot source has read up to (epoch ms). */
    static final String LAST_MODIFIED = "lastmodified";
    /** The Prometheus series of the HubSpot source task's last answered search (epoch ms, 0 = none yet). */
    static final String LAST_SEARCH_SERIES = "clayflow_connect_last_search_ms";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERIES = Pattern.compile("^" + LAST_SEARCH_SERIES + "\\{([^}]*)}\\s+(\\S+)",
            Pattern.MULTILINE);

    private final String url;
    private final Duration timeout;
    private final HttpClient http;
    private String metrics;

    SourceProgressReader(String url, Duration timeout, HttpClient http) {
        this.url = url;
        this.timeout = timeout;
        this.http = http;
    }

    /** The connector's progress, or null when neither its offsets nor the gauge say anything. */
    SourceProgress read(String connector) {
        Instant readUpTo = readUpTo(get("/connectors/" + URLEncoder.encode(connector, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/offsets"));
        if (metrics == null) {
            String body = get("/metrics");
            metrics = body == null ? "" : body;
        }
        Instant lastSearch = lastSearch(metrics, connector);
        return readUpTo == null && lastSearch == null ? null : new SourceProgress(readUpTo, lastSearch);
    }

    /** The latest {@code lastmodified} among {@code {"offsets": [{"partition": .., "offset": ..}]}}, or null. */
    static Instant readUpTo(String offsets) {
        if (offsets == null) {
            return null;
        }
        try {
            long latest = -1;
            for (JsonNode entry : JSON.readTree(offsets).path("offsets")) {
                JsonNode modified = entry.path("offset").path(LAST_MODIFIED);
                if (modified.isNumber()) {
                    latest = Math.max(latest, modified.asLong());
                }
            }
            return latest < 0 ? null : Instant.ofEpochMilli(latest);
        } catch (IOException e) {
            return null;
        }
    }

    /** The latest last-search time of the connector's tasks in a Prometheus scrape, or null (absent or 0). */
    static Instant lastSearch(String scrape, String connector) {
        String label = "connector=\"" + connector + "\"";
        long latest = 0;
        Matcher series = SERIES.matcher(scrape);
        while (series.find()) {
            if (series.group(1).contains(label)) {
                try {
                    latest = Math.max(latest, (long) Double.parseDouble(series.group(2)));
                } catch (NumberFormatException ignored) {
                    // NaN or garbage: unknown, like an absent series.
                }
            }
        }
        return latest <= 0 ? null : Instant.ofEpochMilli(latest);
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
