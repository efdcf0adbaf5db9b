package io.clayflow.connect.clay;

import io.clayflow.connect.sink.ClayflowSinkTask;
import io.clayflow.connect.sink.DecodedPut;
import io.clayflow.connect.sink.SinkMetrics;
import io.clayflow.schemas.Lead;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Posts outbox leads to Clay in batches ({@link ClayDelivery}), committing an offset only after Clay's 2xx for its
 * row (or the row's dead letter). What Clay took is also recorded at once outside Connect's offsets
 * ({@link ClayProgress}), so rows handed over again after a crash are skipped: a crash re-sends at most the batch in
 * flight. When Clay is unavailable, the circuit is open, or every webhook is spent, the task pauses
 * ({@link ClayflowSinkTask}): nothing is skipped and rows Clay took are not sent again.
 */
public class ClayWebhookSinkTask extends ClayflowSinkTask<Lead> {

    private StateWriteBatch state;
    private ClayProgress progress;
    private RowBatcher batcher;
    private ClayDelivery delivery;

    public ClayWebhookSinkTask() {
        super("Clay", Lead.class, "rows-dead-lettered", "Rows Clay refused as bad, sent to the dead-letter topic");
    }

    @Override
    protected Started startSink(Map<String, String> props, SinkMetrics sinkMetrics) {
        ClayWebhookSinkConfig config = new ClayWebhookSinkConfig(props);
        state = new StateWriteBatch(new KafkaStateTopic(config.quotaTopic(), config.quotaClientProps(),
                config.connectorName()));
        Map<String, String> stored = StateTopicUpgrade.load(state, config.quotaTopic(), config.quotaClientProps());
        WebhookQuota quota = new WebhookQuota(config.allWebhooks(), config.submissionLimit(),
                config.quotaWarnRatio(), state, stored);
        TableRows tableRows = new TableRows(config.connectorName(), config.tables(), state, stored, quota);
        TableRouter router = new TableRouter(config.tables(), tableRows, quota);
        SendingState sending = new SendingState(config.connectorName(), state, stored, Clock.systemUTC());
        progress = new ClayProgress(config.connectorName(), state, new KafkaTopicIds(config.quotaClientProps()),
                stored, ClaySentLog.create(config.getString(ClayWebhookSinkConfig.SENT_TOPIC), config.quotaClientProps(),
                        config::tableOf));
        ClaySinkMetrics metrics = new ClaySinkMetrics(sinkMetrics, quota, progress);
        metrics.tables(sinkMetrics, router, tableRows, sending);
        ResilientWebhookSender sender = ResilientWebhookSender.create(config, metrics::rateLimited);
        ClayRequestLimits limits = config.requestLimits();
        batcher = new RowBatcher(limits.maxRows(), limits.maxBytes());
        delivery = new ClayDelivery(new ClayDelivery.Parts(sender, router, tableRows, quota, progress, metrics,
                sending, deadLetters(), context::requestCommit, state), limits, config.creditsProbeInterval());
        return new Started(sender.guard(), config.tables() + ", " + limits);
    }

    /** Rows Clay took before a restart are skipped, not sent again (nor decoded); tombstones are nobody's rows. */
    @Override
    protected Collection<SinkRecord> notYetDelivered(Collection<SinkRecord> records) {
        return records.stream().filter(record -> record.value() != null && !progress.alreadyTaken(record)).toList();
    }

    @Override
    protected void deliver(DecodedPut<Lead> put) {
        DecodedPut.Mapped<ClayRow> rows = put.map(ClayWebhookSinkTask::rowOf);
        // Reported before any batch: a batch's recorded progress must not pass a dead letter still on its way.
        rows.refused().forEach(this::deadLetter);
        deliverInTurn(batcher.batches(rows.values()), batch -> batch.stream().map(ClayRow::record).toList(),
                delivery::deliver);
    }

    private static ClayRow rowOf(SinkRecord record, Lead lead) {
        try {
            return ClayRow.of(record, lead);
        } catch (IllegalArgumentException e) {
            throw new DataException("Not a lead clayflow can send to Clay: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        progress.open(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        progress.close(partitions);
    }

    @Override
    protected void stopSink() {
        if (state != null) {
            state.close();
        }
    }
}
