package io.clayflow.cli.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.cli.ClayflowCli;
import io.clayflow.cli.ExitCodes;
import io.clayflow.cli.csv.StrictDecodingReader.UndecodableInputException;
import io.clayflow.schemas.Lead;
import io.clayflow.intake.LeadValidator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A CSV's bytes are decoded strictly: a Windows-1252 export (an Excel "CSV" on Windows) read as UTF-8 is refused with
 * its line and the {@code --encoding} to try, never imported with U+FFFD in place of its accented letters.
 */
class CsvEncodingTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String EXPORT = "email;first_name;last_name;company_name\r\n"
            + "anna@acme.de;Anna;Schmidt;Acme\r\n"
            + "juergen@baeckerei.de;Jürgen;Müller;Bäckerei Größe\r\n"
            + "zoe@acme.fr;Zoë;Lefèvre;Société Générale\r\n";

    @TempDir
    Path dir;

    @Test
    void aWindows1252FileImportedAsUtf8IsRefusedWithItsLineAndTheEncodingToTry() throws IOException {
        Path file = write("excel-export.csv", EXPORT.getBytes(WINDOWS_1252));

        Run run = importCsv(file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("excel-export.csv", "refused, nothing produced", "line 3",
                "the byte 0xFC is not valid UTF-8", "--encoding windows-1252");
        assertThat(run.out()).doesNotContain("Produced");
    }

    @Test
    void theRefusalNeedsNoClusterBecauseTheFileIsCheckedBeforeAnythingIsProduced() throws IOException {
        Path file = write("excel-export.csv", EXPORT.getBytes(WINDOWS_1252));

        // Nothing listens on port 1: had the import reached the producer, it would fail as unreachable (exit 3).
        Run run = importCsv(file.toString(), "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void readInWindows1252TheNamesReachTheLeadExactly() throws IOException {
        List<LeadRow> rows = read(EXPORT.getBytes(WINDOWS_1252), WINDOWS_1252);

        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.isAccepted()).as(row.message()).isTrue());
        Lead juergen = rows.get(1).lead();
        assertThat(juergen.getFirstName()).isEqualTo("J\u00fcrgen");
        assertThat(juergen.getLastName()).isEqualTo("M\u00fcller");
        assertThat(juergen.getCompanyName()).isEqualTo("B\u00e4ckerei Gr\u00f6\u00dfe");
        assertThat(rows.get(2).lead().getFirstName()).isEqualTo("Zo\u00eb");
        assertThat(rows).allSatisfy(row -> assertThat(row.lead().toString()).doesNotContain("\uFFFD"));
    }

    @Test
    void utf8StaysTheDefaultAndReadsTheSameNamesExactly() throws IOException {
        List<LeadRow> rows = read(EXPORT.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(rows.get(1).lead().getFirstName()).isEqualTo("J\u00fcrgen");
        assertThat(rows.get(1).lead().getLastName()).isEqualTo("M\u00fcller");
    }

    @Test
    void aBadByteIsRefusedAtItsLineEvenBeyondTheFirstBufferAndAfterAQuotedLineBreak() {
        StringBuilder csv = new StringBuilder("email,notes\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append("person").append(i).append("@acme.com,\"two\nlines\"\n"); // lines 2 .. 4001
        }
        byte[] head = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "bad@acme.com,J\u00fcrgen\n".getBytes(WINDOWS_1252); // line 4002
        byte[] bytes = new byte[head.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, head.length, tail.length);

        assertThatThrownBy(() -> StrictDecodingReader.check(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))
                .isInstanceOf(UndecodableInputException.class)
                .hasMessage("line 4002 (byte offset " + (head.length + 14) + "): the byte 0xFC is not valid UTF-8")
                .satisfies(e -> assertThat(((UndecodableInputException) e).line()).isEqualTo(4002));
    }

    @Test
    void theTextBeforeABadByteIsHandedOutAndTheBadByteIsNeverReplaced() throws IOException {
        byte[] bytes = "ab\nJ\u00fcrgen".getBytes(WINDOWS_1252);
        char[] buffer = new char[64];

        try (Reader reader = new StrictDecodingReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            int n = reader.read(buffer, 0, buffer.length);

            assertThat(new String(buffer, 0, n)).isEqualTo("ab\nJ");
            assertThatThrownBy(() -> reader.read(buffer, 0, buffer.length)).isInstanceOf(UndecodableInputException.class)
                    .hasMessageStartingWith("line 2 (byte offset 4)");
        }
    }

    @Test
    void aByteUndefinedInWindows1252IsRefusedToo() throws IOException {
        Path file = write("odd.csv", new byte[] {'e', 'm', 'a', 'i', 'l', '\n', 'a', (byte) 0x81, '\n'});

        Run run = importCsv(file.toString(), "--encoding", "windows-1252");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("line 2", "0x81", "is not valid windows-1252", "--encoding");
    }

    @Test
    void aUtf8ByteOrderMarkUnderAnotherEncodingIsRefused() throws IOException {
        byte[] utf8 = ("\uFEFF" + EXPORT).getBytes(StandardCharsets.UTF_8);
        Path file = write("bom.csv", utf8);

        Run run = importCsv(file.toString(), "--encoding", "windows-1252");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("UTF-8 byte-order mark", "leave --encoding out");
    }

    @Test
    void anUnknownEncodingIsAUsageError() throws IOException {
        Path file = write("plain.csv", EXPORT.getBytes(StandardCharsets.UTF_8));

        Run run = importCsv(file.toString(), "--encoding", "klingon-1");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--encoding", "klingon-1");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<LeadRow> read(byte[] bytes, Charset charset) throws IOException {
        CsvLeadReader reader = new CsvLeadReader(null, Map.of(), mapping -> new LeadRowConverter(mapping,
                "csv-import", Instant.parse("2026-12-01T00:00:00Z"), new LeadValidator(LeadValidator.Limits.defaults())));
        return CsvLeadReader.readAll(reader, new CsvFileEncoding(charset).reader(new ByteArrayInputStream(bytes)));
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run importCsv(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClayflowCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "import-csv";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }
}
