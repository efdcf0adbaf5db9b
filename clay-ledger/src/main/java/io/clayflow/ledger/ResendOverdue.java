package io.clayflow.ledger;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resend request ({@code clayflow clay resend-overdue}): every row of the partition that is overdue now (of one
 * table, or all) goes back to {@code leads.clay.outbox} as it was first sent, and waits anew from now. Decided in the
 * task that also reads the callbacks, in order and in one transaction with them: a lead called back before the
 * request is closed and skipped; one called back after it is re-sent already, and its callback closes it (and, as
 * {@link LedgerEntry.Status#CALLED_BACK}, the re-sent row's sent record too).
 */
final class ResendOverdue {

    private static final Logger LOG = LoggerFactory.getLogger(ResendOverdue.class);
    static final ClayLedgerTopology.Node OUTBOX_SINK = new ClayLedgerTopology.Node("ledger.to-outbox",
            Topics.LEADS_CLAY_OUTBOX);

    private final ProcessorContext<String, byte[]> context;
    private final LedgerStores stores;

    ResendOverdue(ProcessorContext<String, byte[]> context, LedgerStores stores) {
        this.context = Objects.requireNonNull(context, "context");
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** @param table a table's name, or {@link ClayLedger#ALL_TABLES} */
    void requested(String table, long now) {
        List<Map.Entry<String, LedgerEntry>> overdue = new ArrayList<>();
        stores.forEachRow((leadId, entry) -> {
            if (entry.status() == LedgerEntry.Status.OVERDUE
                    && (ClayLedger.ALL_TABLES.equals(table) || entry.table().equals(table))) {
                overdue.add(Map.entry(leadId, entry));
            }
        });
        for (Map.Entry<String, LedgerEntry> row : overdue) {
            LedgerEntry entry = row.getValue();
            RecordHeaders headers = new RecordHeaders();
            headers.add(ClayLedger.Headers.RESEND_OF, Long.toString(entry.sentAt()).getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<>(row.getKey(), entry.lead(), now, headers), OUTBOX_SINK.name());
            stores.put(row.getKey(), entry.with(LedgerEntry.Status.RESENT, now));
            stores.count(entry.table(), LedgerTotals::plusResent);
        }
        LOG.info("Resend request for table {}: {} overdue lead(s) of task {} put back on the outbox", table,
                overdue.size(), context.taskId());
    }
}
