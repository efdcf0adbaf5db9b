package io.clayflow.ledger;

import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The Clay ledger's topology: {@code leads.clay.sent}, {@code leads.enriched} and
 * {@code clayflow.clay-resend-requests} (co-partitioned by {@code lead_id}) into one {@link LedgerProcessor} with
 * its row and totals stores; out to {@code leads.dlq} (overdue rows), {@code leads.clay.outbox} (re-sent rows) and
 * {@code clayflow.clay-ledger-summary} (figures per table and partition). Keys are read as strings and values as
 * bytes: the ledger never decodes a lead, so a schema change cannot stop it.
 */
public final class ClayLedgerTopology {

    public static final String SENT_SOURCE = "ledger.sent";
    public static final String CALLBACK_SOURCE = "ledger.callbacks";
    public static final String RESEND_SOURCE = "ledger.resend-requests";
    public static final String PROCESSOR = "ledger.rows";

    private ClayLedgerTopology() {
    }

    /**
     * @param cutoff how far the callbacks of a partition are known to be read ({@link AdminCallbackCutoff} when
     *     running)
     */
    public static Topology buildTopology(ClayLedgerConfig config, CallbackCutoff cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        TableTimeouts timeouts = config.tableTimeouts();
        Topology topology = new Topology();
        topology.addSource(SENT_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), Topics.LEADS_CLAY_SENT);
        topology.addSource(CALLBACK_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.LEADS_ENRICHED);
        topology.addSource(RESEND_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(),
                Topics.CLAY_RESEND_REQUESTS);
        topology.addProcessor(PROCESSOR, () -> new LedgerProcessor(timeouts, config.checkInterval(), cutoff),
                SENT_SOURCE, CALLBACK_SOURCE, RESEND_SOURCE);
        topology.addStateStore(LedgerStores.rowsStore(), PROCESSOR);
        topology.addStateStore(LedgerStores.totalsStore(), PROCESSOR);
        topology.addSink(OverdueSweep.DLQ_SINK, Topics.LEADS_DLQ, new StringSerializer(), new ByteArraySerializer(),
                PROCESSOR);
        topology.addSink(ResendOverdue.OUTBOX_SINK, Topics.LEADS_CLAY_OUTBOX, new StringSerializer(),
                new ByteArraySerializer(), PROCESSOR);
        topology.addSink(OverdueSweep.SUMMARY_SINK, Topics.CLAY_LEDGER_SUMMARY, new StringSerializer(),
                new ByteArraySerializer(), PROCESSOR);
        return topology;
    }

    /** The changelog topics of the ledger's stores, as operators and status find them. */
    public static String rowsChangelog(String applicationId) {
        return StateStores.changelogTopic(applicationId, StateStores.Ledger.ROWS);
    }
}
