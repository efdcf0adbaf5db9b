package io.clayflow.cli.status;

import io.clayflow.cli.cost.CostTable;
import io.clayflow.status.PipelineStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link PipelineStatus} as a compact, one-screen table of plain text; with a {@link StatusReport}, the
 * connectors' states and what {@code --check} found too. Numbers are written the same in every locale
 * ({@code 12,345}), so a script or a reader abroad sees what the docs show.
 */
public final class StatusTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_DEAD_LETTER_LINES = 8;

    private final long webhookSubmissionLimit;
    private final Long creditsPerPeriod;

    /**
     * @param webhookSubmissionLimit a Clay webhook's lifetime submissions (Clay's is 50,000)
     * @param creditsPerPeriod the intake's credit budget per period, when known (it lives in intake's config)
     */
    public StatusTable(long webhookSubmissionLimit, Long creditsPerPeriod) {
        this.webhookSubmissionLimit = webhookSubmissionLimit;
        this.creditsPerPeriod = creditsPerPeriod;
    }

    /** The counters, then each connector and task, then the problems {@code --check} would report. */
    String render(StatusReport report) {
        List<String> lines = new ArrayList<>(counters(report.pipeline(), report.bootstrapServers()));
        ConnectView connect = report.connect();
        if (!connect.reachable()) {
            lines.add(line("  %-22s %10s  %s", "Kafka Connect", "n/a", connect.error()));
        } else if (connect.connectors().isEmpty()) {
            lines.add(line("  %-22s %10s  %s", "Kafka Connect", "-", "no connectors at " + connect.url()));
        }
        for (ConnectorState connector : connect.connectors()) {
            lines.add(row("connector", connector.name(), connector.state(), connector.trace()));
            if (connector.progress() != null) {
                lines.add(progress(connector.name(), connector.progress(), report.pipeline().collectedAt()));
            }
            connector.tasks().forEach(task -> lines.add(row("  task", connector.name() + "/" + task.id(),
                    task.state(), task.trace())));
        }
        report.verdict().problems().forEach(problem -> lines.add("  ! " + problem.message()));
        return join(lines);
    }

    public String render(PipelineStatus status, String where) {
        return join(counters(status, where));
    }

    private List<String> counters(PipelineStatus status, String where) {
        Objects.requireNonNull(status, "status");
        List<String> lines = new ArrayList<>();
        lines.add("clayflow status  " + where + "  " + TIME.format(status.collectedAt()));
        row(lines, "raw", status.raw(), "leads.raw");
        row(lines, "invalid", status.invalid(), "dead letters before dedupe");
        row(lines, "duplicates dropped", status.duplicatesDropped(), "by intake's dedupe");
        String budget = status.creditsSpent() == null ? "" : "actions spent " + number(status.creditsSpent())
                + (creditsPerPeriod == null ? "" : " of " + number(creditsPerPeriod))
                + (status.budgetPeriodStart() == null ? "" : " since " + TIME.format(status.budgetPeriodStart()));
        row(lines, "waiting for release", status.waitingInThrottle(), budget);
        if (status.dataCreditsSpent() != null) {
            row(lines, "data credits spent", status.dataCreditsSpent(), "this budget period");
        }
        row(lines, "released to Clay", status.released(), "leads.clay.outbox");
        if (status.claySenderLag().isEmpty()) {
            lines.add(line("  %-22s %10s  %s", "Clay sender lag", "n/a", "no Connect group on the outbox"));
        }
        status.claySenderLag().forEach((group, lag) -> row(lines, "Clay sender lag", lag, group));
        row(lines, "enriched", status.enriched(), "leads.enriched");
        if (status.routed().isEmpty()) {
            lines.add(line("  %-22s %10s", "routed", "n/a"));
        }
        status.routed().forEach((route, count) -> row(lines, "routed " + route, count, "leads.route." + route));
        row(lines, "unrouted", status.unrouted(), "reached no route but the warehouse");
        status.consumerLag().forEach((group, lag) -> row(lines, "lag", lag, group));
        lines.add(line("  %-22s %10s  %s", "dead letters", number(status.deadLetterTotal()),
                status.replayed() == null ? "" : number(status.replayed()) + " replayed"));
        deadLetters(lines, status.deadLetters());
        if (status.webhookSubmissions().isEmpty()) {
            lines.add(line("  %-22s %10s", "webhook quota used", "n/a"));
        }
        status.webhookSubmissions().forEach((webhook, used) -> lines.add(line("  %-22s %10s  of %s (%d%%), webhook %s",
                "webhook quota used", number(used), number(webhookSubmissionLimit),
                Math.round(100.0 * used / webhookSubmissionLimit), webhook.substring(0, Math.min(8, webhook.length())))));
        // A sink that waits says why: every Clay table full, or the workspace out of credits.
        status.claySinkPaused().forEach((connector, why) -> lines.add(line("  %-22s %10s  %s: %s",
                "Clay sending paused", "paused", connector, why)));
        if (status.cost() == null) {
            lines.add(line("  %-22s %10s  %s", "cost this period", "n/a", "no cost ledger yet"));
        } else {
            lines.add("  cost since " + TIME.format(status.cost().bySource().from()) + " (clayflow cost for any range)");
            lines.addAll(CostTable.lines(status.cost().bySource(), "    "));
            lines.addAll(CostTable.lines(status.cost().byTable(), "    "));
        }
        return lines;
    }

    private static void deadLetters(List<String> lines, Map<String, Map<String, Long>> byStage) {
        int shown = 0;
        int more = 0;
        for (Map.Entry<String, Map<String, Long>> stage : byStage.entrySet()) {
            for (Map.Entry<String, Long> reason : stage.getValue().entrySet()) {
                if (shown++ < MAX_DEAD_LETTER_LINES) {
                    lines.add(line("    %-20s %10s  %s", abbreviate(stage.getKey(), 20), number(reason.getValue()),
                            reason.getKey()));
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            lines.add("    ... " + more + " more stage/reason pairs: clayflow dlq list");
        }
    }

    private static void row(List<String> lines, String label, Long value, String note) {
        lines.add(line("  %-22s %10s  %s", label, value == null ? "n/a" : number(value), note));
    }

    private static String row(String kind, String name, String state, String trace) {
        // The whole name, even when it pushes the columns: a connector is found by its name.
        return line("  %-22s %10s  %s", kind + " " + name, state, trace == null ? "" : trace);
    }

    /** A source's lag (now minus the change time it read up to) and when HubSpot last answered its search. */
    static String progress(String name, SourceProgress progress, Instant now) {
        Duration lag = progress.lag(now);
        Duration sinceSearch = progress.sinceLastSearch(now);
        return line("  %-22s %10s  %s, %s", "  lag " + name, lag == null ? "n/a" : age(lag),
                progress.readUpTo() == null ? "no offset yet" : "read up to " + ISO.format(progress.readUpTo()),
                sinceSearch == null ? "last search unknown" : "last search " + age(sinceSearch) + " ago");
    }

    /** A duration as an operator reads it: seconds, minutes or hours, whole. */
    static String age(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        return seconds < 7_200 ? seconds / 60 + " min" : number(seconds / 3_600) + " h";
    }

    private static String line(String format, Object... values) {
        return String.format(Locale.ROOT, format, values).stripTrailing();
    }

    /** Grouped in threes with commas whatever the JVM's locale. */
    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String join(List<String> lines) {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
