package io.clayflow.connect.outreach;

import io.clayflow.connect.sink.SinkMetrics;
import org.apache.kafka.common.metrics.Sensor;

/**
 * The Outreach sink's metrics beside the shared ones (dead letters, circuit state): prospects created and updated,
 * enrolments, 429s.
 */
final class OutreachSinkMetrics {

    private final Sensor created;
    private final Sensor updated;
    private final Sensor enrolled;
    private final Sensor alreadyEnrolled;
    private final Sensor rateLimited;

    OutreachSinkMetrics(SinkMetrics metrics) {
        this.created = metrics.counter("prospects-created", "Prospects created in Outreach");
        this.updated = metrics.counter("prospects-updated", "Prospects whose attributes were updated");
        this.enrolled = metrics.counter("prospects-enrolled", "Prospects added to the sequence");
        this.alreadyEnrolled = metrics.counter("prospects-already-enrolled",
                "Leads whose prospect was already in the sequence (redeliveries, earlier enrolments)");
        this.rateLimited = metrics.counter("responses-429", "429 answers from Outreach");
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

    void rateLimited() {
        rateLimited.record();
    }
}
