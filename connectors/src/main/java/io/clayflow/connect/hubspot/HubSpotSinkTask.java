package io.clayflow.connect.hubspot;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.DeadLetters;
import io.clayflow.connect.sink.SinkPause;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts routed leads into HubSpot contacts by email, committing an offset only after HubSpot took the contact (or
 * the record's dead letter). A lead without an email, a value that is not a lead, or a contact HubSpot refuses goes
 * to the dead-letter topic alone with its reason; the rest of its batch lands. When HubSpot is unavailable or the
 * circuit is open, the task rewinds to the first batch not taken and pauses ({@link SinkPause}): nothing is skipped,
 * and a redelivered contact is only upserted again, never duplicated.
 */
public class HubSpotSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(HubSpotSinkTask.class);

    private KafkaAvroDeserializer deserializer;
    private ContactMapper mapper;
    private BatchPlanner planner;
    private HubSpotClient client;
    private ContactUpserter upserter;
    private HubSpotSinkMetrics metrics;
    private DeadLetters deadLetters;
    private SinkPause pause;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        HubSpotSinkConfig config = new HubSpotSinkConfig(props);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config.serdeProps(), false);
        mapper = ContactMapper.from(config);
        planner = new BatchPlanner(config.batchMaxInputs());
        metrics = new HubSpotSinkMetrics(context.pluginMetrics());
        client = HubSpotClient.create(config, metrics::rateLimited);
        upserter = new ContactUpserter(client);
        pause = new SinkPause(context, Clock.systemUTC());
        deadLetters = new DeadLetters(context.errantRecordReporter(), metrics::deadLettered);
        metrics.gauge("circuit-state", "HubSpot circuit: 0 closed, 1 open, 2 half-open",
                client.guard()::circuitStateCode);
        LOG.info("HubSpot sink started: {} contacts/request, {} requests per {} ms, upserting at {}",
                config.batchMaxInputs(), config.rateLimitRequests(), config.rateLimitPeriod().toMillis(),
                config.upsertUri());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!pause.admit(records)) {
            return;
        }
        List<ContactInput> inputs = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() != null) {
                toContact(record).ifPresent(inputs::add);
            }
        }
        List<List<ContactInput>> batches = planner.batches(inputs);
        for (int i = 0; i < batches.size(); i++) {
            try {
                ContactUpserter.Outcome outcome = upserter.upsert(batches.get(i));
                metrics.upserted(outcome.upserted());
                outcome.rejected().forEach(rejection -> deadLetter(rejection.input().record(),
                        new DataException(rejection.reason())));
            } catch (UnavailableException e) {
                Duration wait = e.retryAfter().orElse(client.guard().backoff(1));
                LOG.warn("{}; pausing {} ms, then the contacts not yet taken are sent again", e.getMessage(),
                        wait.toMillis());
                pause.pauseAndRedeliver(batches.subList(i, batches.size()).stream().flatMap(List::stream)
                        .map(ContactInput::record).toList(), wait);
                return;
            }
        }
    }

    /** Offsets commit only up to the first record HubSpot has not taken (see {@link SinkPause}). */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pause.safeOffsets(currentOffsets);
    }

    private Optional<ContactInput> toContact(SinkRecord record) {
        EnrichedLead lead;
        try {
            if (!(record.value() instanceof byte[] bytes)) {
                throw new DataException("expected the route topic's raw bytes (value.converter="
                        + "org.apache.kafka.connect.converters.ByteArrayConverter), got "
                        + record.value().getClass().getName());
            }
            lead = (EnrichedLead) deserializer.deserialize(record.topic(), bytes);
        } catch (RuntimeException e) {
            if (DeadLetters.isRegistryOutage(e)) {
                throw new RetriableException("Schema registry unavailable: " + e.getMessage(), e);
            }
            deadLetter(record, new DataException("Not an enriched lead clayflow can upsert into HubSpot: "
                    + e.getMessage(), e));
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.map(record, lead));
        } catch (ContactMapper.UnmappableLeadException e) {
            deadLetter(record, new DataException(e.getMessage(), e));
            return Optional.empty();
        }
    }

    private void deadLetter(SinkRecord record, Exception reason) {
        deadLetters.report(record, reason);
    }

    @Override
    public void stop() {
        if (deserializer != null) {
            deserializer.close();
        }
    }
}
