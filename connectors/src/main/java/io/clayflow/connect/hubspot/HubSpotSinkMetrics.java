package io.clayflow.connect.hubspot;

import io.clayflow.connect.sink.SinkMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** The HubSpot sink's metrics beside the shared ones (dead letters, circuit state): contacts upserted, 429s. */
final class HubSpotSinkMetrics {

    private final Sensor upserted;
    private final Sensor rateLimited;

    HubSpotSinkMetrics(SinkMetrics metrics) {
        this.upserted = metrics.counter("contacts-upserted", "Contacts HubSpot created or updated");
        this.rateLimited = metrics.counter("responses-429", "429 answers from HubSpot (each one waited out)");
    }

    void upserted(int contacts) {
        upserted.record(contacts);
    }

    void rateLimited() {
        rateLimited.record();
    }
}
