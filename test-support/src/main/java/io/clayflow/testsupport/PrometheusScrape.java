package io.clayflow.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code /metrics} endpoint read the way Prometheus reads it, and the sums the ITs check in its text format. */
public final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PrometheusScrape() {
    }

    /** {@code GET url}: its body, failing unless the answer is 200 in a text format. */
    public static String fetch(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(url + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/plain")) {
            throw new AssertionError(url + " answered Content-Type '" + type + "', not Prometheus' text/plain");
        }
        return response.body();
    }

    /** The sum of a metric's samples over all its series (threads, tasks); fails when the scrape has none. */
    public static double sum(String scrape, String name) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        double total = 0;
        boolean found = false;
        while (sample.find()) {
            total += Double.parseDouble(sample.group(2));
            found = true;
        }
        if (!found) {
            throw new AssertionError(name + " is not in the scrape");
        }
        return total;
    }
}
