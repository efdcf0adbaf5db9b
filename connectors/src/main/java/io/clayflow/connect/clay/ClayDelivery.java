package io.clayflow.connect.clay;

import io.clayflow.connect.http.HttpReply;
import io.clayflow.connect.resilience.UnavailableException;
import io.clayflow.connect.sink.DeadLetters;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;

/**
 * Delivers one batch of rows to Clay, table by table ({@link TableRouter}): each request goes to the first table with
 * room and its first webhook with submissions left, and carries no more rows than both can take (one in the object
 * format). Once Clay took a request (2xx), it is recorded before anything else is sent: the dead letters of earlier
 * rows written, the progress per partition ({@link ClayProgress}), the table's rows ({@link TableRows}), the webhook's
 * submissions ({@link WebhookQuota}).
 *
 * <p>Other answers: 402 (the workspace is out of credits) pauses every table for the probe interval; a webhook Clay
 * says is spent is left for the next; 401/403 fails the task (the token is wrong, no row is to blame); any other 4xx
 * narrows the request down, row by row (one object each), to the rows Clay refuses, which are dead-lettered. When no
 * table has room, sending pauses: nothing is skipped, and the rows wait until a table is added.
 */
final class ClayDelivery {

    /** How often a sink whose tables are all full looks again (a table is added by reconfiguring, which restarts). */
    static final Duration TABLES_FULL_RECHECK = Duration.ofSeconds(30);

    /** What the delivery needs beside the rows: where they go, what is recorded, and how long a 402 pauses. */
    record Parts(ResilientWebhookSender sender, TableRouter router, TableRows tableRows, WebhookQuota quota,
            ClayProgress progress, ClaySinkMetrics metrics, SendingState state, DeadLetters deadLetters,
            Runnable requestCommit, StateWriteBatch store) {
        Parts {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(router, "router");
            Objects.requireNonNull(tableRows, "tableRows");
            Objects.requireNonNull(quota, "quota");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(deadLetters, "deadLetters");
            Objects.requireNonNull(requestCommit, "requestCommit");
        }
    }

    private final Parts parts;
    private final ClayRequestLimits limits;
    private final Duration creditsProbe;

    /** {@code parts.requestCommit} asks Connect to commit soon (the task context's {@code requestCommit}). */
    ClayDelivery(Parts parts, ClayRequestLimits limits, Duration creditsProbe) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.creditsProbe = Objects.requireNonNull(creditsProbe, "creditsProbe");
    }

    /**
     * @throws UnavailableException Clay is unavailable, its circuit is open, the workspace is out of credits, or no
     *                              table has room: the rows not yet taken are to be sent again after the wait
     */
    void deliver(List<ClayRow> batch) throws UnavailableException {
        int at = 0;
        while (at < batch.size()) {
            ClayRow first = batch.get(at);
            if (first.size() + 2 > limits.maxBytes()) {
                parts.deadLetters().report(first.record(), new DataException("Row of " + first.size()
                        + " bytes exceeds " + ClayRequestLimits.BATCH_MAX_BYTES + "=" + limits.maxBytes()));
                at++;
                continue;
            }
            TableRouter.Target target = parts.router().next(batch.size() - at, limits.maxRows())
                    .orElseThrow(this::noRoom);
            List<ClayRow> rows = batch.subList(at, at + target.maxRows());
            at += send(target, target.table().format(), rows);
        }
    }

    /** Sends one request's rows; returns how many rows it settled (taken or dead-lettered), 0 to try again. */
    private int send(TableRouter.Target target, RequestFormat format, List<ClayRow> rows) throws UnavailableException {
        HttpReply reply = parts.sender().send(target.table(), target.webhook(), format, rows);
        if (reply.isSuccess()) {
            taken(target, rows);
            return rows.size();
        }
        if (reply.status() == 402) {
            parts.metrics().creditsExhausted();
            parts.state().paused(SendingState.Reason.CREDITS_EXHAUSTED, "Clay answered 402 (the workspace is out of "
                    + "credits) on table " + target.table().name() + "; every table waits, probing every "
                    + creditsProbe.toSeconds() + " s. Add credits in Clay to resume");
            throw new UnavailableException("Clay's workspace is out of credits (HTTP 402)", Optional.of(creditsProbe),
                    null);
        }
        if (isLimitReached(reply)) {
            parts.quota().markSpent(target.webhook());
            return 0;
        }
        if (reply.isAuthFailure()) {
            throw new ConnectException("Clay refused the webhook token of table " + target.table().name()
                    + ", webhook #" + parts.quota().index(target.webhook()) + " (HTTP " + reply.status() + "): check "
                    + ClayTableSettings.Key.TOKEN.of(target.table().name()) + " or "
                    + ClayWebhookSinkConfig.WEBHOOK_TOKEN + ", and " + ClayWebhookSinkConfig.WEBHOOK_AUTH_HEADER);
        }
        if (rows.size() > 1) {
            // Find the bad rows: one at a time, each as the one JSON object Clay documents.
            for (ClayRow row : rows) {
                TableRouter.Target single = parts.router().next(1, 1).orElseThrow(this::noRoom);
                while (send(single, RequestFormat.OBJECT, List.of(row)) == 0) {
                    single = parts.router().next(1, 1).orElseThrow(this::noRoom);
                }
            }
            return rows.size();
        }
        parts.deadLetters().report(rows.get(0).record(), new DataException("Clay refused the row (HTTP "
                + reply.status() + "): " + reply.excerpt()));
        return 1;
    }

    private void taken(TableRouter.Target target, List<ClayRow> rows) {
        // Dead letters of rows before these first: once the progress passes them, they are not read again.
        parts.deadLetters().awaitWritten();
        // One write of the state for the request: its partitions' progress (with the ledger's sent records), the
        // table's rows, the webhook's count.
        parts.store().inOneWrite(() -> {
            parts.progress().taken(target.webhook(), rows);
            parts.tableRows().recordTaken(target.table(), rows.size());
            parts.quota().recordSubmitted(target.webhook(), rows.size());
            parts.state().sending();
        });
        parts.metrics().sent(rows.size());
        // Commit soon rather than at the next offset.flush.interval.ms: fewer rows to read and skip after a restart.
        parts.requestCommit().run();
    }

    private UnavailableException noRoom() {
        parts.state().paused(SendingState.Reason.TABLES_FULL, "no Clay table can take a row: "
                + parts.router().whyNoRoom() + ". Rows wait, none skipped; add a table to "
                + ClayWebhookSinkConfig.TABLES + " to resume");
        return new UnavailableException("No Clay table can take a row", Optional.of(TABLES_FULL_RECHECK), null);
    }

    private static boolean isLimitReached(HttpReply response) {
        String body = response.body().toLowerCase(Locale.ROOT);
        return (response.status() == 403 || response.status() == 429 || response.status() == 410)
                && body.contains("limit") && body.contains("submission");
    }
}
