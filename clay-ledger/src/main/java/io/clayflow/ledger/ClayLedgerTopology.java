package io.clayflow.ledger;

import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import java.util.List;
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

    /** The one processor: every source feeds it, it feeds every sink. */
    public static final String PROCESSOR = "ledger.rows";

    /** The topics read, co-partitioned by {@code lead_id}, each through its source node. */
    static final List<Node> SOURCES = List.of(new Node("ledger.sent", Topics.LEADS_CLAY_SENT),
            new Node("ledger.callbacks", Topics.LEADS_ENRICHED),
            new Node("ledger.resend-requests", Topics.CLAY_RESEND_REQUESTS));
    /** The topics written, each through its sink node, which the processor forwards to by name. */
    static final List<Node> SINKS = List.of(OverdueSweep.DLQ_SINK, ResendOverdue.OUTBOX_SINK,
            OverdueSweep.SUMMARY_SINK);

    /** A source or sink node of the topology and the topic it reads or writes. */
    record Node(String name, String topic) {
    }

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
        for (Node source : SOURCES) {
            topology.addSource(source.name(), new StringDeserializer(), new ByteArrayDeserializer(), source.topic());
        }
        topology.addProcessor(PROCESSOR, () -> new LedgerProcessor(timeouts, config.checkInterval(), cutoff),
                SOURCES.stream().map(Node::name).toArray(String[]::new));
        topology.addStateStore(LedgerStores.rowsStore(), PROCESSOR);
        topology.addStateStore(LedgerStores.totalsStore(), PROCESSOR);
        for (Node sink : SINKS) {
            topology.addSink(sink.name(), sink.topic(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
        }
        return topology;
    }

    /** The changelog topics of the ledger's stores, as operators and status find them. */
    public static String rowsChangelog(String applicationId) {
        return StateStores.changelogTopic(applicationId, StateStores.Ledger.ROWS);
    }
}
