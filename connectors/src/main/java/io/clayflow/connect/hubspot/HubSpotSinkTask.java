package io.clayflow.connect.hubspot;

import io.clayflow.connect.sink.ClayflowSinkTask;
import io.clayflow.connect.sink.DecodedPut;
import io.clayflow.connect.sink.RefusedRecord;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.schemas.EnrichedLead;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Upserts routed leads into HubSpot contacts by email, committing an offset only after HubSpot took the contact (or
 * the record's dead letter). A lead without an email, a value that is not a lead, or a contact HubSpot refuses goes
 * to the dead-letter topic alone with its reason; the rest of its batch lands. When HubSpot is unavailable or the
 * circuit is open, the task pauses ({@link ClayflowSinkTask}): nothing is skipped, and a redelivered contact is only
 * upserted again, never duplicated.
 */
public class HubSpotSinkTask extends ClayflowSinkTask<EnrichedLead> {

    private ContactMapper mapper;
    private BatchPlanner planner;
    private ContactUpserter upserter;
    private Sensor upserted;

    public HubSpotSinkTask() {
        super("HubSpot", EnrichedLead.class, "records-dead-lettered",
                "Records sent to the dead-letter topic: no email, not a lead, or refused by HubSpot");
    }

    @Override
    protected Started startSink(Map<String, String> props, SinkMetrics metrics) {
        HubSpotSinkConfig config = new HubSpotSinkConfig(props);
        mapper = ContactMapper.from(config);
        planner = new BatchPlanner(config.batchMaxInputs());
        upserted = metrics.counter("contacts-upserted", "Contacts HubSpot created or updated");
        Sensor rateLimited = metrics.counter("responses-429", "429 answers from HubSpot (each one waited out)");
        HubSpotClient client = HubSpotClient.create(config, () -> rateLimited.record());
        upserter = new ContactUpserter(client);
        return new Started(client.guard(), config.batchMaxInputs() + " contacts/request, "
                + config.resilience().ratePermits() + " requests per " + config.resilience().ratePeriod().toMillis()
                + " ms, upserting at " + config.upsertUri());
    }

    @Override
    protected void deliver(DecodedPut<EnrichedLead> put) {
        DecodedPut.Mapped<ContactInput> inputs = put.map(this::contactOf);
        deliverInTurn(planner.batches(inputs.values()), batch -> batch.stream().map(ContactInput::record).toList(),
                batch -> {
                    ContactUpserter.Outcome outcome = upserter.upsert(batch);
                    upserted.record(outcome.upserted());
                    outcome.rejected().forEach(rejection -> deadLetter(new RefusedRecord(rejection.input().record(),
                            new DataException(rejection.reason()))));
                });
        deadLetterUnlessReadAgain(inputs.refused());
    }

    private ContactInput contactOf(SinkRecord record, EnrichedLead lead) {
        try {
            return mapper.map(record, lead);
        } catch (ContactMapper.UnmappableLeadException e) {
            throw new DataException(e.getMessage(), e);
        }
    }
}
