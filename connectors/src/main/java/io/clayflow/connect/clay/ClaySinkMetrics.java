package io.clayflow.connect.clay;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Rate;

/**
 * The sink's metrics, registered with the worker (JMX, and whatever reporter it runs): rows sent, 429s, dead
 * letters, circuit state, webhook quota used, and how many webhooks can still take rows.
 */
final class ClaySinkMetrics {

    private final PluginMetrics metrics;
    private final Sensor rowsSent;
    private final Sensor rateLimited;
    private final Sensor rowsRejected;

    ClaySinkMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
        this.rowsSent = counter("rows-sent", "Rows Clay accepted");
        this.rateLimited = counter("responses-429", "429 answers from Clay (each one retried)");
        this.rowsRejected = counter("rows-dead-lettered", "Rows Clay refused as bad, sent to the dead-letter topic");
    }

    private Sensor counter(String name, String description) {
        Sensor sensor = metrics.addSensor(name);
        sensor.add(metrics.metricName(name + "-total", description, new LinkedHashMap<>()), new CumulativeSum());
        sensor.add(metrics.metricName(name + "-rate", description + ", per second", new LinkedHashMap<>()),
                new Rate());
        return sensor;
    }

    void gauge(String name, String description, LongSupplier value) {
        metrics.addMetric(metrics.metricName(name, description, new LinkedHashMap<>()),
                (Gauge<Long>) (config, now) -> value.getAsLong());
    }

    void quotaGauge(int index, URI webhook, WebhookQuota quota) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("webhook", Integer.toString(index));
        metrics.addMetric(metrics.metricName("webhook-submissions-used", "Lifetime submissions used by a webhook",
                tags), (Gauge<Long>) (config, now) -> quota.used(webhook));
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
