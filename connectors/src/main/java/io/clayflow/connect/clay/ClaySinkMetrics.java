package io.clayflow.connect.clay;

import io.clayflow.connect.sink.SinkMetrics;
import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The Clay sink's metrics beside the shared ones (dead letters, circuit state): rows sent, 429s, how many webhooks
 * can still take rows and each one's quota used, and rows skipped after a restart because Clay had taken them.
 */
final class ClaySinkMetrics {

    private final Sensor rowsSent;
    private final Sensor rateLimited;

    ClaySinkMetrics(SinkMetrics metrics, WebhookQuota quota, ClayProgress progress) {
        this.rowsSent = metrics.counter("rows-sent", "Rows Clay accepted");
        this.rateLimited = metrics.counter("responses-429", "429 answers from Clay (each one retried)");
        metrics.gauge("webhooks-available", "Webhooks that can still take a row (0: paused, add a webhook)",
                () -> quota.webhooks().stream().filter(w -> quota.used(w) < quota.limit()).count());
        metrics.gauge("rows-skipped-already-sent", "Rows handed over again after a restart that Clay had taken "
                + "before it, skipped instead of sent", progress::skipped);
        for (URI webhook : quota.webhooks()) {
            metrics.gauge("webhook-submissions-used", "Lifetime submissions used by a webhook",
                    Map.of("webhook", Integer.toString(quota.index(webhook))), () -> quota.used(webhook));
        }
    }

    void sent(int rows) {
        rowsSent.record(rows);
    }

    void rateLimited() {
        rateLimited.record();
    }
}
