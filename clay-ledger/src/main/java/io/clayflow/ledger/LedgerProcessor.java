package io.clayflow.ledger;

import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Topics;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger for one partition: a sent record opens a row, a callback with its {@code lead_id} closes it (a callback
 * that comes before its sent record is remembered and closes it on arrival), a resend request puts the overdue rows
 * back on the outbox ({@link ResendOverdue}), and every check interval (wall clock) {@link OverdueSweep} finds the
 * rows past their timeout. One task sees a lead's sent records, callbacks and resend requests in order, and every
 * change commits with its input under exactly-once: nothing is lost or counted twice across a crash.
 */
final class LedgerProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerProcessor.class);

    private final TableTimeouts timeouts;
    private final java.time.Duration checkInterval;
    private final CallbackCutoff cutoff;
    private ProcessorContext<String, byte[]> context;
    private LedgerStores stores;
    private ResendOverdue resend;
    private OverdueSweep sweep;

    LedgerProcessor(TableTimeouts timeouts, java.time.Duration checkInterval, CallbackCutoff cutoff) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
        this.cutoff = Objects.requireNonNull(cutoff, "cutoff");
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.stores = new LedgerStores(context);
        this.resend = new ResendOverdue(context, stores);
        this.sweep = new OverdueSweep(context, stores, timeouts, cutoff);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, sweep::run);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return; // no lead to match, or a tombstone: nothing Clay sent or called back
        }
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        switch (topic) {
            case Topics.LEADS_CLAY_SENT -> sent(record);
            case Topics.LEADS_ENRICHED -> {
                // A repeat intake served from its cache is on leads.enriched too, but Clay never saw it.
                if (!servedFromCache(record)) {
                    calledBack(record.key(), record.timestamp());
                }
            }
            case Topics.CLAY_RESEND_REQUESTS -> resend.requested(record.key(), context.currentSystemTimeMs());
            default -> throw new IllegalStateException("The Clay ledger reads no topic " + topic);
        }
    }

    private static boolean servedFromCache(Record<String, byte[]> record) {
        return header(record.headers(), EnrichmentSources.HEADER).filter(EnrichmentSources.CACHE::equals).isPresent();
    }

    private void sent(Record<String, byte[]> record) {
        String leadId = record.key();
        String table = header(record.headers(), ClayLedger.Headers.TABLE).orElse(ClayLedger.DEFAULT_TABLE);
        String webhook = header(record.headers(), ClayLedger.Headers.WEBHOOK).orElse("");
        long sentAt = header(record.headers(), ClayLedger.Headers.SENT_AT).map(LedgerProcessor::millis)
                .orElse(record.timestamp());
        sweep.sawRow(table);
        LedgerEntry existing = stores.row(leadId);
        if (existing == null) {
            stores.put(leadId, LedgerEntry.open(sentAt, table, webhook, record.value()));
            return;
        }
        switch (existing.status()) {
            // Its callback came first (Clay was quicker than the sink's transaction): the row is closed already.
            case CALLED_BACK -> stores.remove(leadId);
            // Sent twice while open (a batch Connect handed over again): the first send's clock keeps running.
            case OPEN -> { }
            // Sent again after it was overdue or re-sent: awaited anew from this send.
            case OVERDUE, RESENT -> stores.put(leadId, LedgerEntry.open(sentAt, table, webhook, record.value()));
        }
    }

    private void calledBack(String leadId, long at) {
        sweep.sawCallback(at);
        LedgerEntry existing = stores.row(leadId);
        if (existing == null || existing.status() == LedgerEntry.Status.CALLED_BACK) {
            stores.put(leadId, LedgerEntry.calledBack(at, existing == null ? ClayLedger.DEFAULT_TABLE
                    : existing.table()));
            return;
        }
        switch (existing.status()) {
            case OPEN -> stores.remove(leadId);
            case OVERDUE -> {
                stores.remove(leadId);
                stores.count(existing.table(), LedgerTotals::plusLate);
                LOG.info("Late callback for lead {} of table {}: overdue since {}, now closed", leadId,
                        existing.table(), java.time.Instant.ofEpochMilli(existing.since()));
            }
            // Re-sent on request and called back meanwhile: remembered, so the re-sent row's sent record is closed.
            case RESENT -> {
                stores.put(leadId, LedgerEntry.calledBack(at, existing.table()));
                stores.count(existing.table(), LedgerTotals::plusLate);
            }
            default -> throw new IllegalStateException("unreachable: " + existing.status());
        }
    }

    private static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? Optional.empty()
                : ClayLedger.Headers.text(header.value()).filter(text -> !text.isBlank());
    }

    private static Long millis(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (sweep != null) {
            sweep.close();
        }
    }
}
