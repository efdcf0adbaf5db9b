package io.clayflow.connect.outreach;

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
 * Puts each routed lead into Outreach: the prospect upserted by email, then added to the sequence. A lead Outreach
 * refuses, or one without an email, goes to the dead-letter topic with the reason; the rest go on. When Outreach is
 * unavailable, limits us for longer than an in-place wait, or the circuit is open, the task rewinds to the first lead
 * not yet done, caps the commit there and pauses consumption for the wait (see {@link SinkPause}).
 */
public class OutreachSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(OutreachSinkTask.class);

    private OutreachSinkConfig config;
    private KafkaAvroDeserializer deserializer;
    private ProspectMapping mapping;
    private OutreachClient outreach;
    private ProspectUpserter upserter;
    private SequenceEnroller enroller;
    private OutreachSinkMetrics metrics;
    private DeadLetters deadLetters;
    private SinkPause pause;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new OutreachSinkConfig(props);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config.serdeProps(), false);
        mapping = config.mapping();
        metrics = new OutreachSinkMetrics(context.pluginMetrics());
        outreach = OutreachClient.create(config, metrics::rateLimited);
        upserter = new ProspectUpserter(outreach);
        enroller = new SequenceEnroller(outreach, config.sequenceId(), config.mailboxId());
        metrics.gauge("circuit-state", "Outreach circuit: 0 closed, 1 open, 2 half-open", outreach::circuitStateCode);
        deadLetters = new DeadLetters(context.errantRecordReporter(), metrics::deadLettered);
        pause = new SinkPause(context, Clock.systemUTC());
        LOG.info("Outreach sink started: {} → sequence {} from mailbox {}, at most {} requests/hour",
                config.baseUrl(), config.sequenceId(), config.mailboxId(), config.resilience().ratePermits());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!pause.admit(records)) {
            return;
        }
        List<SinkRecord> ordered = new ArrayList<>(records);
        for (int i = 0; i < ordered.size(); i++) {
            try {
                deliver(ordered.get(i));
            } catch (UnavailableException e) {
                Duration wait = e.retryAfter().orElse(outreach.backoff(1));
                LOG.warn("{}; pausing {} ms, then the leads not yet done are sent again", e.getMessage(),
                        wait.toMillis());
                pause.pauseAndRedeliver(ordered.subList(i, ordered.size()), wait);
                return;
            }
        }
    }

    /** Offsets commit only up to the first lead not yet done (see {@link SinkPause}). */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pause.safeOffsets(currentOffsets);
    }

    private void deliver(SinkRecord record) throws UnavailableException {
        if (record.value() == null) {
            return; // a tombstone: nothing to sequence
        }
        Optional<EnrichedLead> lead = decode(record);
        if (lead.isEmpty()) {
            return;
        }
        Optional<String> email = mapping.email(lead.get());
        if (email.isEmpty()) {
            deadLetter(record, new DataException("Lead " + lead.get().getLeadId() + " has no email: none of "
                    + mapping.emailFields() + " is set, and Outreach finds prospects by email"));
            return;
        }
        try {
            ProspectUpserter.Upserted prospect = upserter.upsert(email.get(), mapping.attributes(lead.get()));
            metrics.upserted(prospect.action());
            metrics.enrolment(enroller.enroll(prospect.prospectId()));
        } catch (OutreachRefusal refusal) {
            deadLetter(record, new DataException(refusal.getMessage()));
        }
    }

    private Optional<EnrichedLead> decode(SinkRecord record) {
        try {
            if (!(record.value() instanceof byte[] bytes)) {
                throw new DataException("expected the route's raw bytes (value.converter="
                        + "org.apache.kafka.connect.converters.ByteArrayConverter), got "
                        + record.value().getClass().getName());
            }
            return Optional.of((EnrichedLead) deserializer.deserialize(record.topic(), bytes));
        } catch (RuntimeException e) {
            if (DeadLetters.isRegistryOutage(e)) {
                throw new RetriableException("Schema registry unavailable: " + e.getMessage(), e);
            }
            deadLetter(record, new DataException("Not an enriched lead: " + e.getMessage(), e));
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
