package io.clayflow.connect.clay;

import io.clayflow.connect.PluginVersion;
import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.DeadLetters;
import io.clayflow.connect.sink.SinkPause;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts outbox leads to Clay, committing an offset only after Clay's 2xx for its row (or the row's dead letter).
 * What Clay took is also recorded at once outside Connect's offsets ({@link ClayProgress}), so rows handed over again
 * after a crash are skipped: a crash re-sends at most the batch in flight. When Clay is unavailable, the circuit is
 * open, or every webhook is spent, the task rewinds each partition to its first row Clay has not taken, caps the
 * commit there ({@link #preCommit}), and pauses consumption until the wait is over: nothing is skipped, rows Clay took
 * are not sent again, and nothing spins while paused.
 */
public class ClayWebhookSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(ClayWebhookSinkTask.class);
    private static final Duration SPENT_RECHECK = Duration.ofSeconds(30);

    private ClayWebhookSinkConfig config;
    private KafkaAvroDeserializer deserializer;
    private RowBatcher batcher;
    private ResilientWebhookSender sender;
    private SinkStateStore state;
    private WebhookQuota quota;
    private ClayProgress progress;
    private ClaySinkMetrics metrics;
    private DeadLetters deadLetters;
    private SinkPause pause;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ClayWebhookSinkConfig(props);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config.serdeProps(), false);
        batcher = new RowBatcher(config.batchMaxRows(), config.batchMaxBytes());
        sender = ResilientWebhookSender.create(config);
        pause = new SinkPause(context, Clock.systemUTC());
        state = new KafkaStateTopic(config.quotaTopic(), config.quotaClientProps());
        Map<String, String> stored = state.load();
        quota = new WebhookQuota(config.webhookUrls(), config.submissionLimit(), config.quotaWarnRatio(), state,
                stored);
        progress = new ClayProgress(config.connectorName(), state, new KafkaTopicIds(config.quotaClientProps()),
                stored);
        metrics = new ClaySinkMetrics(context.pluginMetrics());
        deadLetters = new DeadLetters(context.errantRecordReporter(), metrics::rejected);
        metrics.gauge("circuit-state", "Clay circuit: 0 closed, 1 open, 2 half-open", sender::circuitStateCode);
        metrics.gauge("webhooks-available", "Webhooks that can still take a row (0: paused, add a webhook)",
                () -> quota.webhooks().stream().filter(w -> quota.used(w) < quota.limit()).count());
        metrics.gauge("rows-skipped-already-sent", "Rows handed over again after a restart that Clay had taken "
                + "before it, skipped instead of sent", progress::skipped);
        for (URI webhook : quota.webhooks()) {
            metrics.quotaGauge(quota.index(webhook), webhook, quota);
        }
        LOG.info("Clay webhook sink started: {} webhook(s), {} rows/request, {} bytes/request, {} rows/s",
                quota.webhooks().size(), config.batchMaxRows(), config.batchMaxBytes(), config.rateLimitRowsPerSecond());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!pause.admit(records)) {
            return;
        }
        List<ClayRow> rows = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() != null && !progress.alreadyTaken(record)) {
                toRow(record).ifPresent(rows::add);
            }
        }
        List<List<ClayRow>> batches = batcher.batches(rows);
        for (int i = 0; i < batches.size(); i++) {
            try {
                deliver(batches.get(i));
            } catch (PauseSending stop) {
                pause.pauseAndRedeliver(batches.subList(i, batches.size()).stream().flatMap(List::stream)
                        .map(ClayRow::record).toList(), stop.wait);
                return;
            }
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

    /** Offsets commit only up to the first row Clay has not taken (see {@link SinkPause}). */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return pause.safeOffsets(currentOffsets);
    }

    private Optional<ClayRow> toRow(SinkRecord record) {
        try {
            if (!(record.value() instanceof byte[] bytes)) {
                throw new DataException("expected the outbox's raw bytes (value.converter="
                        + "org.apache.kafka.connect.converters.ByteArrayConverter), got "
                        + record.value().getClass().getName());
            }
            Lead lead = (Lead) deserializer.deserialize(record.topic(), bytes);
            return Optional.of(ClayRow.of(record, lead));
        } catch (RuntimeException e) {
            if (DeadLetters.isRegistryOutage(e)) {
                throw new RetriableException("Schema registry unavailable: " + e.getMessage(), e);
            }
            deadLetter(record, new DataException("Not a lead clayflow can send to Clay: " + e.getMessage(), e));
            return Optional.empty();
        }
    }

    private void deliver(List<ClayRow> batch) {
        if (batch.size() == 1 && batch.get(0).size() + 2 > batcher.maxBytes()) {
            deadLetter(batch.get(0).record(), new DataException("Row of " + batch.get(0).size()
                    + " bytes exceeds " + ClayWebhookSinkConfig.BATCH_MAX_BYTES + "=" + batcher.maxBytes()));
            return;
        }
        while (true) {
            URI webhook = quota.webhookFor(batch.size()).orElseThrow(this::allWebhooksSpent);
            HttpReply response = send(webhook, batch);
            if (response.isSuccess()) {
                // Dead letters of rows before this batch first: once the progress passes them, they are not read again.
                deadLetters.awaitWritten();
                progress.taken(batch);
                quota.recordSubmitted(webhook, batch.size());
                metrics.sent(batch.size());
                // Commit soon rather than at the next offset.flush.interval.ms: fewer rows to read and skip again
                // after a restart.
                context.requestCommit();
                return;
            }
            if (isLimitReached(response)) {
                quota.markSpent(webhook);
                continue;
            }
            if (response.isAuthFailure()) {
                throw new ConnectException("Clay refused the webhook token of webhook #" + quota.index(webhook)
                        + " (HTTP " + response.status() + "): check " + ClayWebhookSinkConfig.WEBHOOK_TOKEN);
            }
            rejected(batch, response);
            return;
        }
    }

    /** A refused request: find the bad rows by sending one at a time, and dead-letter only those. */
    private void rejected(List<ClayRow> batch, HttpReply response) {
        if (batch.size() > 1) {
            for (ClayRow row : batch) {
                deliver(List.of(row));
            }
            return;
        }
        deadLetter(batch.get(0).record(), new DataException("Clay refused the row (HTTP " + response.status()
                + "): " + response.excerpt()));
    }

    private HttpReply send(URI webhook, List<ClayRow> batch) {
        try {
            return sender.send(webhook, batch);
        } catch (UnavailableException e) {
            if (e.status() == 429) {
                metrics.rateLimited();
            }
            Duration wait = e.retryAfter().orElse(sender.backoff(1));
            LOG.warn("{}; pausing {} ms, then the rows not yet taken are sent again", e.getMessage(), wait.toMillis());
            throw new PauseSending(wait);
        }
    }

    private PauseSending allWebhooksSpent() {
        LOG.error("Every Clay webhook has used its {} lifetime submissions: sending is paused and nothing is "
                + "skipped. Add a webhook URL to {} to resume.", quota.limit(), ClayWebhookSinkConfig.WEBHOOK_URLS);
        return new PauseSending(SPENT_RECHECK);
    }

    private static boolean isLimitReached(HttpReply response) {
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        return (response.status() == 403 || response.status() == 429 || response.status() == 410)
                && body.contains("limit") && body.contains("submission");
    }

    private void deadLetter(SinkRecord record, Exception reason) {
        deadLetters.report(record, reason);
    }

    @Override
    public void stop() {
        if (deserializer != null) {
            deserializer.close();
        }
        if (state != null) {
            state.close();
        }
    }

    /** Sending must stop for a while: Clay is unavailable, the circuit is open, or every webhook is spent. */
    private static final class PauseSending extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient Duration wait;

        PauseSending(Duration wait) {
            super(null, null, false, false);
            this.wait = wait;
        }
    }
}
