package io.clayflow.status.page;

import io.clayflow.status.PipelineStatus;
import io.clayflow.status.cost.CostReport;
import io.clayflow.status.cost.CostReportFields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The status page's counters as Prometheus gauges, from the last snapshot (so a scrape never reads Kafka): the
 * funnel by stage ({@code clayflow_pipeline_records}), routed per route, unrouted leads
 * ({@code clayflow_pipeline_unrouted}: the warehouse's only), dead letters by stage and reason, duplicates
 * dropped, leads waiting in the throttle, the Clay sink's lag and send rate, webhook submissions used per webhook,
 * credits spent and left. A counter that cannot be known yet (its topic does not exist) is absent, not zero.
 */
public final class PipelineGauges {

    private final MultiGauge records;
    private final MultiGauge routed;
    private final MultiGauge deadLetters;
    private final Map<String, MultiGauge> figures = new LinkedHashMap<>();
    private final MultiGauge senderLag;
    private final MultiGauge webhookSubmissions;
    private final long creditsPerPeriod;
    private final MultiGauge costBySource;
    private final MultiGauge costByTable;

    public PipelineGauges(MeterRegistry registry, long creditsPerPeriod) {
        Objects.requireNonNull(registry, "registry");
        this.creditsPerPeriod = creditsPerPeriod;
        records = MultiGauge.builder("clayflow.pipeline.records")
                .description("Leads that reached each funnel stage, read from Kafka").register(registry);
        routed = MultiGauge.builder("clayflow.pipeline.routed")
                .description("Records on each leads.route.* topic").register(registry);
        deadLetters = MultiGauge.builder("clayflow.pipeline.dead.letters")
                .description("Dead letters on leads.dlq by stage and reason").register(registry);
        figure(registry, "duplicates.dropped", "Copies intake's dedupe dropped (credits saved)");
        figure(registry, "invalid", "Leads intake refused before dedupe (dead letters of decode, validate, normalize)");
        figure(registry, "throttle.waiting", "Leads waiting in intake's throttle backlog");
        figure(registry, "unrouted", "Leads that reached no route but the warehouse (no sales or nurture rule took them)");
        figure(registry, "credits.spent", "Credits intake spent in the current budget period");
        figure(registry, "credits.left", "Credits left in the current budget period");
        figure(registry, "clay.send.rate", "Leads per second the Clay sink committed between the last two readings");
        figure(registry, "data.credits.spent", "Clay Data Credits intake spent in the current budget period");
        costBySource = MultiGauge.builder("clayflow.pipeline.cost.source")
                .description("The cost ledger of the current budget period per lead source: rows sent, Actions and "
                        + "Data Credits spent (actual where Clay reported it), duplicates dropped, cache hits, saved")
                .register(registry);
        costByTable = MultiGauge.builder("clayflow.pipeline.cost.table")
                .description("The cost ledger of the current budget period per Clay table").register(registry);
        senderLag = MultiGauge.builder("clayflow.pipeline.clay.sender.lag")
                .description("Outbox records the Clay sink has not committed, per consumer group").register(registry);
        webhookSubmissions = MultiGauge.builder("clayflow.pipeline.webhook.submissions.used")
                .description("Lifetime submissions used per Clay webhook (keyed by a hash of its URL)")
                .register(registry);
    }

    /** Replaces every gauge's rows with the snapshot's figures. */
    public void update(StatusSnapshot snapshot) {
        PipelineStatus status = snapshot.status();
        if (status == null) {
            return;
        }
        Map<String, Long> stages = StatusFunnel.stages(status);
        records.register(rows(stages, "stage"), true);
        routed.register(rows(status.routed(), "route"), true);

        List<MultiGauge.Row<?>> letters = new ArrayList<>();
        status.deadLetters().forEach((stage, reasons) -> reasons.forEach((reason, count) ->
                letters.add(MultiGauge.Row.of(Tags.of("stage", stage, "reason", reason), count))));
        deadLetters.register(letters, true);

        set("duplicates.dropped", status.duplicatesDropped());
        set("invalid", status.invalid());
        set("throttle.waiting", status.waitingInThrottle());
        set("unrouted", status.unrouted());
        set("credits.spent", status.creditsSpent());
        set("credits.left", StatusFunnel.creditsLeft(status, creditsPerPeriod));
        set("data.credits.spent", status.dataCreditsSpent());
        costBySource.register(status.cost() == null ? List.of() : costRows(status.cost().bySource(), "source"), true);
        costByTable.register(status.cost() == null ? List.of() : costRows(status.cost().byTable(), "table"), true);
        set("clay.send.rate", snapshot.claySendRate());
        senderLag.register(rows(status.claySenderLag(), "group"), true);
        webhookSubmissions.register(rows(status.webhookSubmissions(), "webhook"), true);
    }

    private void figure(MeterRegistry registry, String name, String description) {
        figures.put(name, MultiGauge.builder("clayflow.pipeline." + name).description(description).register(registry));
    }

    /** A figure with one row, or none (absent from the scrape) while it cannot be known. */
    private void set(String name, Number value) {
        figures.get(name).register(value == null ? List.of() : List.of(MultiGauge.Row.of(Tags.empty(), value)), true);
    }

    /** One row per group and figure: {@code clayflow_pipeline_cost_source{source="web-form",figure="actions"}}. */
    private static List<MultiGauge.Row<?>> costRows(CostReport report, String tag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        report.groups().forEach((name, figures) -> {
            long[] values = CostReportFields.values(figures);
            for (int i = 0; i < values.length; i++) {
                rows.add(MultiGauge.Row.of(Tags.of(tag, name, "figure", CostReportFields.FIGURES[i]), values[i]));
            }
        });
        return rows;
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Long> values, String tag) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != null) {
                rows.add(MultiGauge.Row.of(Tags.of(tag, key), value));
            }
        });
        return rows;
    }
}
