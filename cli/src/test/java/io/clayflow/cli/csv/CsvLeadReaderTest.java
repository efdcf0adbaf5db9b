package io.clayflow.cli.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.intake.LeadValidator;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvLeadReaderTest {

    private static final Instant IMPORTED_AT = Instant.parse("2026-11-20T10:00:00Z");

    private static CsvLeadReader reader(Character delimiter, Map<String, String> overrides) {
        return new CsvLeadReader(delimiter, overrides, mapping -> new LeadRowConverter(mapping, "csv-import",
                IMPORTED_AT, new LeadValidator(LeadValidator.Limits.defaults())));
    }

    private static List<LeadRow> read(String csv) throws IOException {
        return CsvLeadReader.readAll(reader(null, Map.of()), new StringReader(csv));
    }

    static Stream<Arguments> delimiters() {
        return Stream.of(Arguments.of("comma", ','), Arguments.of("semicolon", ';'), Arguments.of("tab", '\t'));
    }

    @ParameterizedTest(name = "{0} is detected from the header line")
    @MethodSource("delimiters")
    void detectsTheDelimiterFromTheHeaderLine(String name, char delimiter) throws IOException {
        String d = String.valueOf(delimiter);
        String csv = String.join(d, "Email", "First Name", "Company") + "\n"
                + String.join(d, "jane@acme.com", "Jane", "\"Acme, Inc; " + "Ltd\"") + "\n";
        CsvLeadReader.Layout[] layout = new CsvLeadReader.Layout[1];
        List<LeadRow> rows = new java.util.ArrayList<>();
        layout[0] = reader(null, Map.of()).read(new StringReader(csv), rows::add);

        assertThat(layout[0].delimiter()).isEqualTo(delimiter);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.isAccepted()).isTrue();
            assertThat(row.lead().getEmail()).isEqualTo("jane@acme.com");
            assertThat(row.lead().getFirstName()).isEqualTo("Jane");
            assertThat(row.lead().getCompanyName()).isEqualTo("Acme, Inc; Ltd");
        });
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        List<LeadRow> rows = read("\uFEFFemail,source\njane@acme.com,web\n");

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.lead().getEmail()).isEqualTo("jane@acme.com");
            assertThat(row.lead().getSource()).isEqualTo("web");
            assertThat(row.lead().getAttributes()).isEmpty();
        });
    }

    @Test
    void quotedFieldsKeepLineBreaksDelimitersAndDoubledQuotesAndLineNumbersStayTrue() throws IOException {
        String csv = "email,title,notes\n"                       // line 1
                + "jane@acme.com,CTO,\"met at the booth,\n"      // line 2, a record over three lines
                + "said \"\"call me\"\"\n"                       // line 3
                + "next quarter\"\n"                             // line 4
                + "\n"                                           // line 5, blank: skipped
                + "not-an-email,VP,\n"                           // line 6
                + "john@acme.com,CEO,\n";                        // line 7
        List<LeadRow> rows = read(csv);

        assertThat(rows).extracting(LeadRow::line).containsExactly(2L, 6L, 7L);
        assertThat(rows.get(0).lead().getAttributes())
                .containsEntry("notes", "met at the booth,\nsaid \"call me\"\nnext quarter");
        assertThat(rows.get(1).reason()).isEqualTo("email.syntax");
        assertThat(rows.get(2).isAccepted()).isTrue();
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                Arguments.of("too many fields", "jane@acme.com,Jane,Doe,extra", LeadRowConverter.COLUMN_COUNT),
                Arguments.of("too few fields", "jane@acme.com,Jane", LeadRowConverter.COLUMN_COUNT),
                Arguments.of("bad email syntax", "jane(at)acme.com,Jane,Doe", "email.syntax"),
                Arguments.of("no identity", ",Jane,Doe", "identity.missing"),
                Arguments.of("first name too long", "jane@acme.com," + "J".repeat(101) + ",Doe",
                        "first_name.too_long"));
    }

    @ParameterizedTest(name = "{0} is refused as {2} with its line number")
    @MethodSource("badRows")
    void badRowsAreRefusedWithTheirLineAndReason(String name, String row, String reason) throws IOException {
        List<LeadRow> rows = read("email,first_name,last_name\njohn@acme.com,John,Doe\n" + row + "\n"
                + "mary@acme.com,Mary,Major\n");

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).isAccepted()).isTrue();
        assertThat(rows.get(1).isAccepted()).isFalse();
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).reason()).isEqualTo(reason);
        assertThat(rows.get(1).message()).isNotBlank();
        assertThat(rows.get(2).isAccepted()).isTrue();
    }

    @Test
    void aQuoteLeftOpenIsReportedAtTheLineWhereTheUnreadableRecordStarts() throws IOException {
        List<LeadRow> rows = read("email,title\njane@acme.com,CTO\njohn@acme.com,\"CEO\nmary@acme.com,VP\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).isAccepted()).isTrue();
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).reason()).isEqualTo(LeadRowConverter.UNREADABLE);
    }

    @Test
    void columnsMapByNameAliasAndOverrideAndTheRestBecomeAttributes() throws IOException {
        String csv = "Work Email;Company;LinkedIn;Lead Score;Internal Id;When\n"
                + "jane@acme.com;Acme;https://linkedin.com/in/jane;87;X-1;2026-11-01\n";
        List<LeadRow> rows = CsvLeadReader.readAll(reader(null, Map.of("internal id", "source_id", "When",
                "occurred_at", "Lead Score", "attributes.score")), new StringReader(csv));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.lead().getEmail()).isEqualTo("jane@acme.com");
            assertThat(row.lead().getCompanyName()).isEqualTo("Acme");
            assertThat(row.lead().getLinkedinUrl()).isEqualTo("https://linkedin.com/in/jane");
            assertThat(row.lead().getSourceId()).isEqualTo("X-1");
            assertThat(row.lead().getSource()).isEqualTo("csv-import");
            assertThat(row.lead().getOccurredAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(row.lead().getAttributes()).containsExactly(Map.entry("score", "87"));
        });
    }

    @Test
    void aBadOccurredAtIsRefused() throws IOException {
        List<LeadRow> rows = read("email,occurred_at\njane@acme.com,last tuesday\n");

        assertThat(rows).singleElement().extracting(LeadRow::reason).isEqualTo(LeadRowConverter.OCCURRED_AT_SYNTAX);
    }

    @Test
    void aMapOverrideNamingNoColumnOrNoFieldIsRefusedUpFront() {
        assertThatThrownBy(() -> CsvLeadReader.readAll(reader(null, Map.of("nope", "email")),
                new StringReader("email\njane@acme.com\n"))).hasMessageContaining("nope");
        assertThatThrownBy(() -> CsvLeadReader.readAll(reader(null, Map.of("email", "mail")),
                new StringReader("email\njane@acme.com\n"))).hasMessageContaining("not a Lead field");
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("header");
    }

    @Test
    void anExplicitDelimiterWinsOverDetection() throws IOException {
        // The header has more commas than semicolons, but the file is semicolon-separated with commas in names.
        List<LeadRow> rows = CsvLeadReader.readAll(reader(';', Map.of()),
                new StringReader("email;company_name\njane@acme.com;Acme, Inc.\n"));

        assertThat(rows).singleElement().satisfies(row ->
                assertThat(row.lead().getCompanyName()).isEqualTo("Acme, Inc."));
    }
}
