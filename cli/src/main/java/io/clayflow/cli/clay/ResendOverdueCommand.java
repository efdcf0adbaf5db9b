package io.clayflow.cli.clay;

import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.ClayLedger;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClayCallbacks;
import io.clayflow.status.ClayCallbacksReader;
import io.clayflow.status.ClusterSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clayflow clay resend-overdue}: asks the Clay ledger to put its overdue rows back on the outbox. The request
 * goes to every partition of {@link Topics#CLAY_RESEND_REQUESTS}; the ledger's task for each partition decides, in
 * order with the callbacks it reads, which rows are still overdue, so a row called back meanwhile is not re-sent.
 * Without {@code --yes} it only shows what is overdue: every re-sent row costs Clay credits again.
 */
@Command(name = "resend-overdue", mixinStandardHelpOptions = true,
        description = {"Re-sends the Clay ledger's overdue rows (accepted by Clay, no callback within the table's "
                + "timeout) to Clay: the ledger puts each one still overdue back on leads.clay.outbox, as first "
                + "sent; a row whose callback came meanwhile is skipped. Each re-sent row costs Clay Actions and "
                + "credits again, and a table that auto-dedupes on lead_id drops it unless its old row was deleted "
                + "(see docs/runbook.md, \"Overdue Clay callbacks\").",
                "Without --yes, shows what is overdue and re-sends nothing."})
public final class ResendOverdueCommand extends ClusterCommand {

    @Option(names = "--table", paramLabel = "TABLE", description = "Only this Clay table's rows (default: every "
            + "table).")
    String table;

    @Option(names = "--yes", description = "Re-send (it costs Clay credits); without it nothing is sent.")
    boolean yes;

    @Override
    public Integer call() throws InterruptedException, ExecutionException, TimeoutException {
        ClusterSettings settings = cluster.settings();
        PrintWriter out = out();
        ClayCallbacks callbacks = ClayCallbacksReader.read(settings, Clock.systemUTC());
        long overdue = 0;
        for (var entry : callbacks.tables().entrySet()) {
            if (table == null || table.equals(entry.getKey())) {
                out.printf("  table %s: %,d overdue%n", entry.getKey(), entry.getValue().overdue());
                overdue += entry.getValue().overdue();
            }
        }
        if (!yes) {
            out.printf("%,d overdue row(s)%s; nothing re-sent. Re-run with --yes to re-send them (each costs Clay "
                    + "credits again).%n", overdue, table == null ? "" : " in table " + table);
            out.flush();
            return ExitCodes.OK;
        }
        int partitions = request(settings);
        out.printf("Asked the Clay ledger to re-send the overdue rows of %s (%,d when last counted) on %d "
                + "partition(s); rows called back meanwhile are skipped. Watch 'clayflow status'.%n",
                table == null ? "every table" : "table " + table, overdue, partitions);
        out.flush();
        return ExitCodes.OK;
    }

    /** One request per partition of the resend topic, acknowledged by every replica; returns how many. */
    private int request(ClusterSettings settings) throws InterruptedException, ExecutionException, TimeoutException {
        byte[] key = (table == null ? ClayLedger.ALL_TABLES : table).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("requested at " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProperties())) {
            List<PartitionInfo> partitions = producer.partitionsFor(Topics.CLAY_RESEND_REQUESTS);
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (PartitionInfo partition : partitions) {
                sent.add(producer.send(new ProducerRecord<>(Topics.CLAY_RESEND_REQUESTS, partition.partition(), key,
                        value)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            return partitions.size();
        }
    }
}
