package io.clayflow.connect.clay;

import io.clayflow.connect.sink.SinkMetrics;
import java.net.URI;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The Clay sink's metrics: rows sent, 429s, dead letters, circuit state, webhook quota used, and how many webhooks
 * can still take rows.
 */
final class ClaySinkMetrics {

    private final SinkMetrics metrics;
    private final Sensor rowsSent;
    private final Sensor rateLimited;
    private final Sensor rowsRejected;

    ClaySinkMetrics(PluginMetrics pluginMetrics) {
        this.metrics = new SinkMetrics(pluginMetrics);
        this.rowsSent = metrics.counter("rows-sent", "Rows Clay accepted");
        this.rateLimited = metrics.counter("responses-429", "429 answers from Clay (each one retried)");
        this.rowsRejected = metrics.counter("rows-dead-lettered",
                "Rows Clay refused as bad, sent to the dead-letter topic");
    }

    void gauge(String name, String description, LongSupplier value) {
        metrics.gauge(name, description, value);
    }

    void quotaGauge(int index, URI webhook, WebhookQuota quota) {
        metrics.gauge("webhook-submissions-used", "Lifetime submissions used by a webhook",
                Map.of("webhook", Integer.toString(index)), () -> quota.used(webhook));
    }

    void sent(int rows) {
        rowsSent.record(rows);
    }

    void rateLimited() {
        rateLimited.record();
    }

    void rejected() {
        rowsRejected.record();
    }
}
