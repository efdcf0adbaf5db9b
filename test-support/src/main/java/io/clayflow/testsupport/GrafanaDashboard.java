package io.clayflow.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Grafana dashboard shipped in {@code docs/grafana/clayflow.json}, read as a test sees it: every PromQL
 * expression its panels query and the metric names in them, so each module's tests can check that the names the
 * dashboard asks for are names its code registers.
 */
public final class GrafanaDashboard {

    /** Where the dashboard lives, from the repository root. */
    public static final String PATH = "docs/grafana/clayflow.json";

    /** The metric families clayflow's parts expose; a name outside them is a name no module checks. */
    public static final List<String> OWNED_PREFIXES = List.of("gateway_", "clayflow_pipeline_",
            "kafka_stream_", "kafka_consumer_", "kafka_producer_", "clayflow_connect_");

    // Label matchers {...}, grouping clauses by/without (...), range/offset selectors [...], and quoted strings
    // hold names that are not metrics.
    private static final Pattern NOT_METRICS = Pattern.compile(
            "\\{[^}]*}|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)|\\[[^]]*]|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "count", "rate", "irate",
            "increase", "delta", "deriv", "topk", "bottomk", "histogram_quantile", "clamp_min", "clamp_max", "abs",
            "max_over_time", "min_over_time", "avg_over_time", "last_over_time", "label_replace", "vector", "scalar",
            "time", "and", "or", "unless", "bool", "offset", "le", "round", "sort", "sort_desc");

    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** Reads the dashboard, looking for the repository root upwards from the working directory. */
    public static GrafanaDashboard load() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(PATH))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(PATH + " not found above " + Path.of("").toAbsolutePath());
        }
        return read(dir.resolve(PATH));
    }

    public static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard " + file, e);
        }
    }

    /** The dashboard's title. */
    public String title() {
        return root.path("title").asText();
    }

    /** Every panel's title. */
    public List<String> panelTitles() {
        List<String> titles = new ArrayList<>();
        root.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        return titles;
    }

    /** Every PromQL expression of every panel's targets, in order. */
    public List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        root.path("panels").forEach(panel -> panel.path("targets").forEach(target -> {
            if (target.hasNonNull("expr")) {
                expressions.add(target.get("expr").asText());
            }
        }));
        return expressions;
    }

    /** The metric names the expressions query. */
    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        expressions().forEach(expression -> names.addAll(namesIn(expression)));
        return names;
    }

    /** The metric names the expressions query that start with {@code prefix}. */
    public Set<String> metricNamesStartingWith(String prefix) {
        Set<String> names = new TreeSet<>();
        metricNames().stream().filter(name -> name.startsWith(prefix)).forEach(names::add);
        return names;
    }

    /** The metric names in one PromQL expression. */
    public static Set<String> namesIn(String expression) {
        String stripped = NOT_METRICS.matcher(expression).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String word = matcher.group();
            int after = matcher.end();
            boolean function = after < stripped.length() && stripped.substring(after).stripLeading().startsWith("(");
            boolean number = word.matches("\\d.*");
            if (!PROMQL_WORDS.contains(word) && !function && !number) {
                names.add(word);
            }
        }
        return names;
    }

    /**
     * The metric names in a Prometheus text-format scrape (one sample per line; comments skipped).
     */
    public static Set<String> scrapedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
            Matcher matcher = IDENTIFIER.matcher(line);
            if (matcher.lookingAt()) {
                names.add(matcher.group());
            }
        });
        return names;
    }
}
