package io.clayflow.connect.hubspot;

import io.clayflow.connect.sink.SinkMetrics;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** The HubSpot sink's metrics: contacts upserted, requests, 429s, dead letters, circuit state. */
final class HubSpotSinkMetrics {

    private final SinkMetrics metrics;
    private final Sensor upserted;
    private final Sensor rateLimited;
    private final Sensor deadLettered;

    HubSpotSinkMetrics(PluginMetrics pluginMetrics) {
        this.metrics = new SinkMetrics(pluginMetrics);
        this.upserted = metrics.counter("contacts-upserted", "Contacts HubSpot created or updated");
        this.rateLimited = metrics.counter("responses-429", "429 answers from HubSpot (each one waited out)");
        this.deadLettered = metrics.counter("records-dead-lettered",
                "Records sent to the dead-letter topic: no email, not a lead, or refused by HubSpot");
    }

    void gauge(String name, String description, LongSupplier value) {
        metrics.gauge(name, description, value);
    }

    void upserted(int contacts) {
        upserted.record(contacts);
    }

    void rateLimited() {
        rateLimited.record();
    }

    void deadLettered() {
        deadLettered.record();
    }
}
