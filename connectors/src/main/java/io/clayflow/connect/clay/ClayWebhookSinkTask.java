package io.clayflow.connect.clay;

import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts outbox leads to Clay. {@link #put} returns only once Clay accepted every row handed to it (or a bad row went
 * to the dead-letter topic), so Connect commits an offset only after Clay's 2xx. When Clay is unavailable, the
 * circuit is open, or every webhook is spent, it throws {@link RetriableException}: Connect pauses consumption and
 * hands back the same records after {@code context.timeout}, and rows already accepted are not sent again.
 */
public class ClayWebhookSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(ClayWebhookSinkTask.class);
    private static final Duration SPENT_RECHECK = Duration.ofSeconds(30);

    private ClayWebhookSinkConfig config;
    private KafkaAvroDeserializer deserializer;
    private RowBatcher batcher;
    private ResilientWebhookSender sender;
    private WebhookQuota quota;
    private ClaySinkMetrics metrics;
    private ErrantRecordReporter reporter;
    // Records of the current put() that Clay already took: skipped when Connect hands the same records back.
    private final Set<RecordId> accepted = new HashSet<>();

    @Override
    public String version() {
        return ClayWebhookSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ClayWebhookSinkConfig(props);
        deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config.serdeProps(), false);
        batcher = new RowBatcher(config.batchMaxRows(), config.batchMaxBytes());
        sender = ResilientWebhookSender.create(config, WebhookClient.create(config));
        quota = new WebhookQuota(config.webhookUrls(), config.submissionLimit(), config.quotaWarnRatio(),
                new KafkaQuotaStore(config.quotaTopic(), config.quotaClientProps()));
        reporter = context.errantRecordReporter();
        metrics = new ClaySinkMetrics(context.pluginMetrics());
        metrics.gauge("circuit-state", "Clay circuit: 0 closed, 1 open, 2 half-open",
                () -> switch (sender.circuitState()) {
                    case CLOSED -> 0;
                    case OPEN, FORCED_OPEN -> 1;
                    case HALF_OPEN -> 2;
                    default -> 3;
                });
        metrics.gauge("webhooks-available", "Webhooks that can still take a row (0: paused, add a webhook)",
                () -> quota.webhooks().stream().filter(w -> quota.used(w) < quota.limit()).count());
        for (URI webhook : quota.webhooks()) {
            metrics.quotaGauge(quota.index(webhook), webhook, quota);
        }
        LOG.info("Clay webhook sink started: {} webhook(s), {} rows/request, {} bytes/request, {} rows/s",
                quota.webhooks().size(), config.batchMaxRows(), config.batchMaxBytes(), config.rateLimitRowsPerSecond());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<ClayRow> rows = new ArrayList<>();
        for (SinkRecord record : records) {
            if (accepted.contains(RecordId.of(record)) || record.value() == null) {
                continue;
            }
            toRow(record).ifPresent(rows::add);
        }
        for (List<ClayRow> batch : batcher.batches(rows)) {
            deliver(batch);
        }
        accepted.clear();
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
            if (e instanceof org.apache.kafka.common.errors.SerializationException se && isRegistryDown(se)) {
                throw new RetriableException("Schema registry unavailable: " + se.getMessage(), se);
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
            WebhookResponse response = send(webhook, batch);
            if (response.isSuccess()) {
                quota.recordSubmitted(webhook, batch.size());
                metrics.sent(batch.size());
                batch.forEach(row -> accepted.add(RecordId.of(row.record())));
                return;
            }
            if (response.isAuthFailure()) {
                throw new ConnectException("Clay refused the webhook token of webhook #" + quota.index(webhook)
                        + " (HTTP " + response.status() + "): check " + ClayWebhookSinkConfig.WEBHOOK_TOKEN);
            }
            if (isLimitReached(response)) {
                quota.markSpent(webhook);
                continue;
            }
            rejected(batch, response);
            return;
        }
    }

    /** A refused request: find the bad rows by sending one at a time, and dead-letter only those. */
    private void rejected(List<ClayRow> batch, WebhookResponse response) {
        if (batch.size() > 1) {
            for (ClayRow row : batch) {
                deliver(List.of(row));
            }
            return;
        }
        deadLetter(batch.get(0).record(), new DataException("Clay refused the row (HTTP " + response.status()
                + "): " + response.body()));
    }

    private WebhookResponse send(URI webhook, List<ClayRow> batch) {
        try {
            return sender.send(webhook, batch);
        } catch (ClayUnavailableException e) {
            if (e.status() == 429) {
                metrics.rateLimited();
            }
            long wait = e.retryAfter().map(Duration::toMillis).orElse(sender.backoffMillis(1));
            LOG.warn("{}; pausing {} ms, then the same rows are redelivered", e.getMessage(), wait);
            context.timeout(wait);
            throw new RetriableException(e.getMessage(), e);
        }
    }

    private RetriableException allWebhooksSpent() {
        LOG.error("Every Clay webhook has used its {} lifetime submissions: sending is paused and nothing is "
                + "skipped. Add a webhook URL to {} to resume.", quota.limit(), ClayWebhookSinkConfig.WEBHOOK_URLS);
        context.timeout(SPENT_RECHECK.toMillis());
        return new RetriableException("All Clay webhooks are spent; add one to " + ClayWebhookSinkConfig.WEBHOOK_URLS);
    }

    private static boolean isLimitReached(WebhookResponse response) {
        String body = response.body().toLowerCase(java.util.Locale.ROOT);
        return (response.status() == 403 || response.status() == 429 || response.status() == 410)
                && body.contains("limit") && body.contains("submission");
    }

    private static boolean isRegistryDown(org.apache.kafka.common.errors.SerializationException e) {
        Throwable cause = e.getCause();
        return cause instanceof io.clayflow.schemas.registry.SchemaRegistryException sre && sre.isRetryable();
    }

    private void deadLetter(SinkRecord record, Exception reason) {
        if (reporter == null) {
            throw new ConnectException("Cannot dead-letter a row (set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name=leads.dlq): " + reason.getMessage(), reason);
        }
        LOG.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.kafkaPartition(), record.kafkaOffset(),
                reason.getMessage());
        reporter.report(record, reason);
        metrics.rejected();
    }

    @Override
    public void stop() {
        if (deserializer != null) {
            deserializer.close();
        }
        if (quota != null) {
            quota.close();
        }
    }

    /** Where a record came from: what identifies it when Connect hands it back. */
    private record RecordId(String topic, Integer partition, long offset) {
        static RecordId of(SinkRecord record) {
            return new RecordId(record.topic(), record.kafkaPartition(), record.kafkaOffset());
        }
    }

    CircuitBreaker.State circuitState() {
        return sender.circuitState();
    }
}
