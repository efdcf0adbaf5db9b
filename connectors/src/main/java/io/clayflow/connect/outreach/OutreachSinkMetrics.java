package io.clayflow.connect.outreach;

import io.clayflow.connect.sink.SinkMetrics;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** The Outreach sink's metrics: prospects created and updated, enrolments, dead letters, 429s, circuit state. */
final class OutreachSinkMetrics {

    private final SinkMetrics metrics;
    private final Sensor created;
    private final Sensor updated;
    private final Sensor enrolled;
    private final Sensor alreadyEnrolled;
    private final Sensor deadLettered;
    private final Sensor rateLimited;

    OutreachSinkMetrics(PluginMetrics pluginMetrics) {
        this.metrics = new SinkMetrics(pluginMetrics);
        this.created = metrics.counter("prospects-created", "Prospects created in Outreach");
        this.updated = metrics.counter("prospects-updated", "Prospects whose attributes were updated");
        this.enrolled = metrics.counter("prospects-enrolled", "Prospects added to the sequence");
        this.alreadyEnrolled = metrics.counter("prospects-already-enrolled",
                "Leads whose prospect was already in the sequence (redeliveries, earlier enrolments)");
        this.deadLettered = metrics.counter("leads-dead-lettered", "Leads sent to the dead-letter topic");
        this.rateLimited = metrics.counter("responses-429", "429 answers from Outreach");
    }

    void gauge(String name, String description, LongSupplier value) {
        metrics.gauge(name, description, value);
    }

    void upserted(ProspectUpserter.Action action) {
        switch (action) {
            case CREATED -> created.record();
            case UPDATED -> updated.record();
            default -> {
                // unchanged: nothing sent, nothing to count
            }
        }
    }

    void enrolment(SequenceEnroller.Enrolment enrolment) {
        (enrolment == SequenceEnroller.Enrolment.ENROLLED ? enrolled : alreadyEnrolled).record();
    }

    void deadLettered() {
        deadLettered.record();
    }

    void rateLimited() {
        rateLimited.record();
    }
}
