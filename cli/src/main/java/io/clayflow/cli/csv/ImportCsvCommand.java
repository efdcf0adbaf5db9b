package io.clayflow.cli.csv;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ClusterCommand;
import io.clayflow.cli.ExitCodes;
import io.clayflow.cli.kafka.LeadProducer;
import io.clayflow.cli.kafka.LeadTopicOption;
import io.clayflow.intake.LeadValidator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clayflow import-csv}: a CSV of leads into leads.raw, with a report of refused rows by line. */
@Command(name = "import-csv", mixinStandardHelpOptions = true,
        description = {"Produces the leads of a CSV file to leads.raw (Avro, through the schema registry).",
                "The file needs a header row; UTF-8 with or without a byte-order mark unless --encoding names "
                        + "another encoding; a file with bytes that are not valid in it is refused whole, naming "
                        + "the line, and nothing is produced; ',' ';' or tab as delimiter "
                        + "(detected from the header unless --delimiter is given); quoted fields may hold delimiters, "
                        + "quotes (doubled) and line breaks. Columns map to Lead fields by name (First Name → "
                        + "first_name, Company → company_name, ...); other columns go to attributes.",
                "Rows with the wrong number of fields or breaking one of intake's rules (no identity, bad email "
                        + "syntax, ...) are refused and reported with their line number; the rest are produced. "
                        + "Exits with 1 when any row was refused."})
public final class ImportCsvCommand extends ClusterCommand {

    private static final int REFUSED_SHOWN = 20;

    @Mixin
    LeadTopicOption target;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(names = "--map", paramLabel = "COLUMN=FIELD",
            description = "Map a column to a Lead field, to attributes.<name>, or to - (drop it); repeatable.")
    Map<String, String> map = new LinkedHashMap<>();

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "',' ';' or 'tab' (default: detected from the header line).")
    String delimiter;

    @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8",
            description = "The file's encoding, e.g. windows-1252 for an Excel export on Windows "
                    + "(default: ${DEFAULT-VALUE}).")
    Charset encoding;

    @Option(names = "--source", paramLabel = "NAME", defaultValue = "csv-import",
            description = "The source of rows whose source column is empty or absent (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(names = "--refused-report", paramLabel = "FILE",
            description = "Also write every refused row (line, reason, message) to this CSV file.")
    Path refusedReport;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar when stderr is a terminal (default: on).")
    boolean progress;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file);
        }
        Character separator = separator();
        CsvFileEncoding decoding = new CsvFileEncoding(encoding);
        try {
            decoding.check(file);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, file + ": refused, nothing produced: " + e.getMessage(), e);
        }
        ImportReport report = new ImportReport();
        PrintWriter out = out();
        PrintWriter err = err();
        long size = Files.size(file);
        boolean terminal = progress && System.console() != null && Ansi.AUTO.enabled();
        Instant importedAt = Instant.now();
        LeadValidator validator = new LeadValidator(LeadValidator.Limits.defaults());
        CsvLeadReader.Layout layout;
        try (LeadProducer producer = target.producer(cluster.settings());
             CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
             Reader reader = decoding.reader(counted)) {
            ProgressBar bar = new ProgressBar(err, terminal, size, System::nanoTime);
            long[] rows = {0};
            try {
                layout = new CsvLeadReader(separator, map,
                        mapping -> new LeadRowConverter(mapping, source, importedAt, validator))
                        .read(reader, row -> {
                            rows[0]++;
                            if (row.isAccepted()) {
                                producer.send(null, row.lead());
                                report.produced();
                            } else {
                                report.refused(row);
                            }
                            bar.update(counted.count(), rows[0]);
                        });
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, file + ": " + e.getMessage(), e);
            } catch (StrictDecodingReader.UndecodableInputException e) {
                // The file changed after it was checked: what came before this line is on the topic.
                throw new CliException(ExitCodes.FAILED, file + ": " + decoding.refusal(e).getMessage() + " ("
                        + report.producedRows() + " rows before it were produced)", e);
            }
            LeadProducer.Answers answers = producer.flush();
            bar.finish(rows[0]);
            if (answers.failed() > 0) {
                throw new CliException(ExitCodes.FAILED, answers.failed() + " of " + report.producedRows()
                        + " rows were not acknowledged by Kafka (" + answers.firstFailure().getMessage()
                        + "); the other " + answers.acknowledged() + " are on " + target.topic());
            }
        }
        print(out, layout, report);
        if (refusedReport != null) {
            writeRefused(report);
            out.printf("Every refused row is in %s%n", refusedReport);
        }
        out.flush();
        return report.refusedRows().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Character separator() {
        if (delimiter == null) {
            return null;
        }
        return switch (delimiter) {
            case ",", "comma" -> ',';
            case ";", "semicolon" -> ';';
            case "\t", "\\t", "tab" -> '\t';
            default -> throw new CliException(ExitCodes.USAGE, "--delimiter must be ',', ';' or 'tab', not '"
                    + delimiter + "'");
        };
    }

    private void print(PrintWriter out, CsvLeadReader.Layout layout, ImportReport report) {
        out.printf("%s: %s, delimiter %s, columns: %s%n", file, encoding.name(), layout.delimiter() == '\t' ? "tab"
                : "'" + layout.delimiter() + "'", String.join(", ", layout.mapping().describe()));
        out.printf("Produced %,d rows to %s; refused %,d%n", report.producedRows(), target.topic(),
                report.refusedRows().size());
        report.refusedByReason().forEach((reason, count) -> out.printf("  %,8d  %s%n", count, reason));
        report.refusedRows().stream().limit(REFUSED_SHOWN).forEach(row -> out.printf("  line %d: %s: %s%n",
                row.line(), row.reason(), row.message()));
        if (report.refusedRows().size() > REFUSED_SHOWN) {
            out.printf("  ... and %,d more%s%n", report.refusedRows().size() - REFUSED_SHOWN,
                    refusedReport == null ? " (--refused-report FILE lists them all)" : "");
        }
    }

    private void writeRefused(ImportReport report) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(refusedReport, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder()
                     .setHeader("line", "reason", "message").get())) {
            for (LeadRow row : report.refusedRows()) {
                printer.printRecord(row.line(), row.reason(), row.message());
            }
        }
    }
}
