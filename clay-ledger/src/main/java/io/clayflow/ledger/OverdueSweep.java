package io.clayflow.ledger;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's check, every interval on the wall clock: each awaited row whose timeout ended before the
 * {@link CallbackCutoff} becomes overdue, and is written once to {@code leads.dlq} (stage {@code clay}, reason
 * {@code callback.overdue}, the lead's bytes with its table, webhook and send time) in the transaction that marks it;
 * callbacks remembered for a row that never came are forgotten after the longest timeout; then each table's figures
 * go to the summary topic (when they changed) and the gauges.
 */
final class OverdueSweep {

    private static final Logger LOG = LoggerFactory.getLogger(OverdueSweep.class);
    static final ClayLedgerTopology.Node DLQ_SINK = new ClayLedgerTopology.Node("ledger.to-dlq", Topics.LEADS_DLQ);
    static final ClayLedgerTopology.Node SUMMARY_SINK = new ClayLedgerTopology.Node("ledger.to-summary",
            Topics.CLAY_LEDGER_SUMMARY);

    private final ProcessorContext<String, byte[]> context;
    private final LedgerStores stores;
    private final LedgerMetrics metrics;
    private final TableTimeouts timeouts;
    private final CallbackCutoff cutoff;
    // The latest callback time the task read: how far the callbacks are known to be read, for the cutoff.
    private long watermark = Long.MIN_VALUE;
    // Tables this task saw a row of since it started: their figures are published even once every row is closed.
    private final Set<String> tablesSeen = new HashSet<>();
    private final Map<String, ClayLedger.Summary> published = new HashMap<>();

    /** Registers the ledger's gauges in the task's metrics: {@link #close()} removes them. */
    OverdueSweep(ProcessorContext<String, byte[]> context, LedgerStores stores, TableTimeouts timeouts,
            CallbackCutoff cutoff) {
        this.context = Objects.requireNonNull(context, "context");
        this.stores = Objects.requireNonNull(stores, "stores");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.cutoff = Objects.requireNonNull(cutoff, "cutoff");
        this.metrics = new LedgerMetrics(context);
    }

    /** Removes the gauges, as a closed task must. */
    void close() {
        metrics.close();
    }

    /** A row of {@code table} was sent: the table's figures are published from now on. */
    void sawRow(String table) {
        tablesSeen.add(table);
    }

    /** A callback stamped {@code at} was read. */
    void sawCallback(long at) {
        watermark = Math.max(watermark, at);
    }

    void run(long now) {
        int partition = context.taskId().partition();
        long judgedUpTo = cutoff.cutoff(partition, watermark, now);
        long forgetBefore = now - timeouts.longest().toMillis();
        List<Map.Entry<String, LedgerEntry>> due = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        Map<String, long[]> figures = new HashMap<>(); // table -> {open, overdue, oldest sent at}
        stores.forEachRow((leadId, entry) -> {
            if (!entry.awaited()) {
                if (entry.since() < forgetBefore) {
                    forgotten.add(leadId);
                }
                return;
            }
            long[] table = figures.computeIfAbsent(entry.table(), t -> new long[3]);
            table[0]++;
            table[2] = table[2] == 0 ? entry.sentAt() : Math.min(table[2], entry.sentAt());
            if (entry.status() == LedgerEntry.Status.OVERDUE) {
                table[1]++;
            } else if (entry.clockStart() + timeouts.of(entry.table()).toMillis() <= judgedUpTo) {
                due.add(Map.entry(leadId, entry));
                table[1]++;
            }
        });
        for (Map.Entry<String, LedgerEntry> row : due) {
            overdue(row.getKey(), row.getValue(), now);
        }
        forgotten.forEach(stores::remove);
        if (!due.isEmpty()) {
            LOG.warn("{} row(s) of task {} got no Clay callback in time: dead-lettered as {}", due.size(),
                    context.taskId(), ClayLedger.REASON_CALLBACK_OVERDUE);
        }
        publish(figures, partition, now);
    }

    private void overdue(String leadId, LedgerEntry entry, long now) {
        Duration timeout = timeouts.of(entry.table());
        String message = "Clay accepted the row of lead " + leadId + " into table '" + entry.table() + "' (webhook "
                + abbreviated(entry.webhook()) + ") at " + Instant.ofEpochMilli(entry.clockStart())
                + " and did not call back within " + timeout;
        RecordHeaders sent = new RecordHeaders();
        sent.add(ClayLedger.Headers.TABLE, entry.table().getBytes(StandardCharsets.UTF_8));
        sent.add(ClayLedger.Headers.WEBHOOK, entry.webhook().getBytes(StandardCharsets.UTF_8));
        sent.add(ClayLedger.Headers.SENT_AT, Long.toString(entry.sentAt()).getBytes(StandardCharsets.UTF_8));
        // No original-topic header: `clayflow dlq replay` skips these; `clayflow clay resend-overdue` re-sends them,
        // checked against the callbacks.
        ProducerRecord<byte[], byte[]> letter = DeadLetter.to(Topics.LEADS_DLQ)
                .original(leadId.getBytes(StandardCharsets.UTF_8), entry.lead(), sent)
                .failure(Stage.CLAY.wireName(), ClayLedger.REASON_CALLBACK_OVERDUE)
                .exception(new CallbackOverdueException(message), false)
                .taskId(context.taskId().toString()).build();
        context.forward(new Record<>(leadId, entry.lead(), now, letter.headers()), DLQ_SINK.name());
        stores.put(leadId, entry.with(LedgerEntry.Status.OVERDUE, now));
        stores.count(entry.table(), LedgerTotals::plusOverdue);
    }

    private void publish(Map<String, long[]> figures, int partition, long now) {
        Map<String, LedgerTotals> totals = stores.totals();
        Set<String> tables = new HashSet<>(figures.keySet());
        tables.addAll(totals.keySet());
        tables.addAll(published.keySet());
        tables.addAll(tablesSeen);
        for (String table : tables) {
            long[] row = figures.getOrDefault(table, new long[3]);
            LedgerTotals total = totals.getOrDefault(table, LedgerTotals.NONE);
            ClayLedger.Summary summary = new ClayLedger.Summary(row[0], row[1], row[2], total.overdue(),
                    total.late(), total.resent());
            metrics.record(table, summary, now);
            if (!summary.equals(published.get(table))) {
                context.forward(new Record<>(ClayLedger.summaryKey(table, partition),
                        summary.encode().getBytes(StandardCharsets.UTF_8), now), SUMMARY_SINK.name());
                published.put(table, summary);
            }
        }
    }

    private static String abbreviated(String webhook) {
        return webhook.length() > 12 ? webhook.substring(0, 12) + "…" : webhook;
    }
}
