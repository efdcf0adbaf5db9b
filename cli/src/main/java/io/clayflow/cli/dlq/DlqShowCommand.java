package io.clayflow.cli.dlq;

import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.DeadLetterInfo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clayflow dlq show}: selected dead letters with their headers and their value decoded where possible. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Dead letters with their headers, key and value (Avro values decoded through the registry; "
                + "bytes that do not decode are shown as text or hex).")
public final class DlqShowCommand extends ClusterCommand {

    private static final int PREVIEW_BYTES = 256;

    @Mixin
    DeadLetterFilterOptions selection;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Show at most N (the oldest first; default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        ClusterSettings settings = cluster.settings();
        List<DeadLetterEntry> entries = new DeadLetterReader(settings, selection.topic()).read(selection.filter());
        PrintWriter out = out();
        try (KafkaAvroDeserializer avro = new KafkaAvroDeserializer()) {
            Map<String, Object> serde = settings.serdeProperties();
            serde.put("specific.avro.reader", false);
            avro.configure(serde, false);
            entries.stream().limit(limit).forEach(entry -> print(out, entry, avro));
        }
        out.printf("%d of %d matching dead letters shown%n", Math.min(limit, entries.size()), entries.size());
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DeadLetterEntry entry, KafkaAvroDeserializer avro) {
        DeadLetterInfo info = entry.info();
        out.printf("── %s  %s%n", entry.address(), Tables.time(entry.timestamp()));
        out.printf("   stage %s, reason %s%s%n", info.stage(), info.reason(),
                info.replayOf() == null ? "" : " (a replay of " + info.replayOf() + " that failed again)");
        out.printf("   from %s%n", info.originTopic() == null ? "(unknown)"
                : info.originTopic() + "/" + info.originPartition() + "/" + info.originOffset());
        if (info.exceptionMessage() != null) {
            out.printf("   error %s: %s%n", info.exceptionClass(), info.exceptionMessage());
        }
        out.println("   headers:");
        for (Header header : entry.headers()) {
            if (!header.key().endsWith("stacktrace")) {
                out.printf("     %s = %s%n", header.key(), text(header.value()));
            }
        }
        out.printf("   key: %s%n", text(entry.key()));
        out.printf("   value: %s%n", value(entry, avro));
    }

    private static String value(DeadLetterEntry entry, KafkaAvroDeserializer avro) {
        if (entry.value() == null) {
            return "(none)";
        }
        try {
            Object decoded = avro.deserialize(entry.info().originTopic() == null ? entry.topic()
                    : entry.info().originTopic(), entry.value());
            return String.valueOf(decoded);
        } catch (RuntimeException e) {
            return "(" + entry.value().length + " bytes, not decodable: " + e.getMessage() + ") " + text(entry.value());
        }
    }

    static String text(byte[] bytes) {
        if (bytes == null) {
            return "(none)";
        }
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = utf8.codePoints().allMatch(c -> c >= 0x20 && c != 0xFFFD || c == '\t');
        if (printable) {
            return utf8.length() > PREVIEW_BYTES ? utf8.substring(0, PREVIEW_BYTES) + "..." : utf8;
        }
        byte[] head = bytes.length > PREVIEW_BYTES ? java.util.Arrays.copyOf(bytes, PREVIEW_BYTES) : bytes;
        return "0x" + HexFormat.of().formatHex(head) + (head.length < bytes.length ? "..." : "");
    }
}
