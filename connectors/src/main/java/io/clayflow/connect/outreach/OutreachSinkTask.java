package io.clayflow.connect.outreach;

import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.ClayflowSinkTask;
import io.clayflow.connect.sink.DecodedPut;
import io.clayflow.connect.sink.RefusedRecord;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.schemas.EnrichedLead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.DataException;

/**
 * Puts each routed lead into Outreach: the prospect upserted by email, then added to the sequence. A lead Outreach
 * refuses, or one without an email, goes to the dead-letter topic with the reason; the rest go on. When Outreach is
 * unavailable, limits us for longer than an in-place wait, or the circuit is open, the task pauses
 * ({@link ClayflowSinkTask}) until the first lead not yet done can go.
 */
public class OutreachSinkTask extends ClayflowSinkTask<EnrichedLead> {

    private ProspectMapping mapping;
    private ProspectUpserter upserter;
    private SequenceEnroller enroller;
    private OutreachSinkMetrics metrics;

    public OutreachSinkTask() {
        super("Outreach", EnrichedLead.class, "leads-dead-lettered", "Leads sent to the dead-letter topic");
    }

    @Override
    protected Started startSink(Map<String, String> props, SinkMetrics sinkMetrics) {
        OutreachSinkConfig config = new OutreachSinkConfig(props);
        mapping = config.mapping();
        metrics = new OutreachSinkMetrics(sinkMetrics);
        OutreachClient outreach = new OutreachClient(config, metrics::rateLimited);
        upserter = new ProspectUpserter(outreach);
        enroller = new SequenceEnroller(outreach, config.sequenceId(), config.mailboxId());
        return new Started(outreach.guard(), config.baseUrl() + " → sequence " + config.sequenceId()
                + " from mailbox " + config.mailboxId() + ", at most " + config.resilience().ratePermits()
                + " requests/hour");
    }

    @Override
    protected void deliver(DecodedPut<EnrichedLead> put) {
        List<RefusedRecord> refused = new ArrayList<>(put.refused());
        deliverInTurn(put.values(), value -> List.of(value.record()),
                value -> deliver(value).ifPresent(refused::add));
        deadLetterUnlessReadAgain(refused);
    }

    /** The prospect made sure of and enrolled; or the reason the lead is refused. */
    private Optional<RefusedRecord> deliver(DecodedPut.Value<EnrichedLead> value) throws UnavailableException {
        EnrichedLead lead = value.value();
        Optional<String> email = mapping.email(lead);
        if (email.isEmpty()) {
            return Optional.of(new RefusedRecord(value.record(), new DataException("Lead " + lead.getLeadId()
                    + " has no email: none of " + mapping.emailFields() + " is set, and Outreach finds prospects "
                    + "by email")));
        }
        try {
            ProspectUpserter.Upserted prospect = upserter.upsert(email.get(), mapping.attributes(lead));
            metrics.upserted(prospect.action());
            metrics.enrolment(enroller.enroll(prospect.prospectId()));
            return Optional.empty();
        } catch (OutreachRejectedException rejected) {
            return Optional.of(new RefusedRecord(value.record(), new DataException(rejected.getMessage())));
        }
    }
}
