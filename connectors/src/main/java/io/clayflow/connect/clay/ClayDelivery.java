package io.clayflow.connect.clay;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.DeadLetters;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch of rows to Clay: to the first webhook with quota left, under the resilience guard. Once Clay took
 * the batch (2xx), it is recorded before anything else is sent: the dead letters of earlier rows written, the progress
 * per partition ({@link ClayProgress}), the webhook's count ({@link WebhookQuota}). A 4xx other than 401/403 narrows
 * the batch down, row by row, to the rows Clay refuses, which are dead-lettered; 401/403 fails the task (the token is
 * wrong, no row is to blame); a webhook Clay says is spent is left for the next.
 */
final class ClayDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ClayDelivery.class);
    private static final Duration SPENT_RECHECK = Duration.ofSeconds(30);

    private final ResilientWebhookSender sender;
    private final WebhookQuota quota;
    private final ClayProgress progress;
    private final ClaySinkMetrics metrics;
    private final DeadLetters deadLetters;
    private final Runnable requestCommit;
    private final int maxBytes;

    /** @param requestCommit asks Connect to commit soon (the task context's {@code requestCommit}) */
    ClayDelivery(ResilientWebhookSender sender, WebhookQuota quota, ClayProgress progress, ClaySinkMetrics metrics,
            DeadLetters deadLetters, Runnable requestCommit, int maxBytes) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.requestCommit = Objects.requireNonNull(requestCommit, "requestCommit");
        this.maxBytes = maxBytes;
    }

    /**
     * @throws UnavailableException Clay is unavailable, its circuit is open, or every webhook is spent: the batch
     *                              is to be sent again after the wait
     */
    void deliver(List<ClayRow> batch) throws UnavailableException {
        if (batch.size() == 1 && batch.get(0).size() + 2 > maxBytes) {
            deadLetters.report(batch.get(0).record(), new DataException("Row of " + batch.get(0).size()
                    + " bytes exceeds " + ClayWebhookSinkConfig.BATCH_MAX_BYTES + "=" + maxBytes));
            return;
        }
        while (true) {
            URI webhook = quota.webhookFor(batch.size()).orElseThrow(this::allWebhooksSpent);
            HttpReply response = sender.send(webhook, batch);
            if (response.isSuccess()) {
                taken(webhook, batch);
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

    private void taken(URI webhook, List<ClayRow> batch) {
        // Dead letters of rows before this batch first: once the progress passes them, they are not read again.
        deadLetters.awaitWritten();
        progress.taken(webhook, batch);
        quota.recordSubmitted(webhook, batch.size());
        metrics.sent(batch.size());
        // Commit soon rather than at the next offset.flush.interval.ms: fewer rows to read and skip after a restart.
        requestCommit.run();
    }

    /** A refused request: find the bad rows by sending one at a time, and dead-letter only those. */
    private void rejected(List<ClayRow> batch, HttpReply response) throws UnavailableException {
        if (batch.size() > 1) {
            for (ClayRow row : batch) {
                deliver(List.of(row));
            }
            return;
        }
        deadLetters.report(batch.get(0).record(), new DataException("Clay refused the row (HTTP "
                + response.status() + "): " + response.excerpt()));
    }

    private UnavailableException allWebhooksSpent() {
        LOG.error("Every Clay webhook has used its {} lifetime submissions: sending is paused and nothing is "
                + "skipped. Add a webhook URL to {} to resume.", quota.limit(), ClayWebhookSinkConfig.WEBHOOK_URLS);
        return new UnavailableException("Every Clay webhook is spent", Optional.of(SPENT_RECHECK), null);
    }

    private static boolean isLimitReached(HttpReply response) {
        String body = response.body().toLowerCase(Locale.ROOT);
        return (response.status() == 403 || response.status() == 429 || response.status() == 410)
                && body.contains("limit") && body.contains("submission");
    }
}
