package io.clayflow.connect.clay;

import io.clayflow.connect.sink.SinkMetrics;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The Clay sink's metrics beside the shared ones (dead letters, circuit state): rows sent, 429s and 402s, whether
 * sending is paused and why, how many tables and webhooks can still take rows, each table's rows and each webhook's
 * quota used, and rows skipped after a restart because Clay had taken them.
 */
final class ClaySinkMetrics {

    private final Sensor rowsSent;
    private final Sensor rateLimited;
    private final Sensor outOfCredits;

    ClaySinkMetrics(SinkMetrics metrics, WebhookQuota quota, ClayProgress progress) {
        this.rowsSent = metrics.counter("rows-sent", "Rows Clay accepted");
        this.rateLimited = metrics.counter("responses-429", "429 answers from Clay (each one retried)");
        this.outOfCredits = metrics.counter("responses-402", "402 answers from Clay: the workspace is out of credits");
        metrics.gauge("webhooks-available", "Webhooks that can still take a row (0: paused, add a webhook)",
                () -> quota.webhooks().stream().filter(w -> quota.used(w) < quota.limit()).count());
        metrics.gauge("rows-skipped-already-sent", "Rows handed over again after a restart that Clay had taken "
                + "before it, skipped instead of sent", progress::skipped);
        for (URI webhook : quota.webhooks()) {
            metrics.gauge("webhook-submissions-used", "Lifetime submissions used by a webhook",
                    Map.of("webhook", Integer.toString(quota.index(webhook))), () -> quota.used(webhook));
        }
    }

    /** The gauges of tables and of the pause, once the tables are counted. */
    void tables(SinkMetrics metrics, TableRouter router, TableRows rows, SendingState state) {
        metrics.gauge("sending-paused", "Why the sink is not sending: 0 sending, 1 every table full, 2 the workspace "
                + "is out of credits (402)", () -> state.reason().code);
        metrics.gauge("tables-available", "Clay tables that can still take a row (0: paused, add a table)",
                router::available);
        for (ClayTableConfig table : router.tables()) {
            metrics.gauge("table-rows-used", "Rows a Clay table took (its cap: " + table.capText() + ")",
                    Map.of("table", table.name()), () -> rows.rows(table));
        }
    }

    void sent(int rows) {
        rowsSent.record(rows);
    }

    void rateLimited() {
        rateLimited.record();
    }

    void creditsExhausted() {
        outOfCredits.record();
    }
}
