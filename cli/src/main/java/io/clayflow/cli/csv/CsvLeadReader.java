package io.clayflow.cli.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV of leads with Apache Commons CSV: a header row, then one lead per row. Skips a UTF-8 byte-order mark,
 * detects the delimiter ({@code ,} {@code ;} or tab) from the header line unless one is given, accepts quoted fields
 * (with delimiters, doubled quotes and line breaks inside), skips blank lines, and hands every row on as a
 * {@link LeadRow} carrying the line it starts on. A quote left open runs to the end of the file, where nothing can be
 * recovered: that is reported as one refused row and reading stops.
 */
public final class CsvLeadReader {

    /** What was read: the delimiter used and the column mapping. */
    public record Layout(char delimiter, CsvColumnMapping mapping) {
    }

    private static final int HEADER_LOOKAHEAD = 1 << 20;
    private static final char BOM = '\uFEFF';

    private final Character delimiter;
    private final Map<String, String> overrides;
    private final Function<CsvColumnMapping, LeadRowConverter> converters;

    /**
     * @param delimiter the delimiter, or null to detect it from the header line
     * @param overrides {@code --map} column → field
     * @param converters makes the row converter once the header's mapping is known
     */
    public CsvLeadReader(Character delimiter, Map<String, String> overrides,
            Function<CsvColumnMapping, LeadRowConverter> converters) {
        this.delimiter = delimiter;
        this.overrides = Map.copyOf(overrides);
        this.converters = Objects.requireNonNull(converters, "converters");
    }

    /**
     * Reads every row and hands it to {@code rows}.
     *
     * @throws IllegalArgumentException when the file has no header or {@code --map} does not fit it
     * @throws IOException when the file cannot be read, or (from a {@link StrictDecodingReader}) its bytes are not
     *                     valid in the charset it is read in
     */
    public Layout read(Reader source, Consumer<LeadRow> rows) throws IOException {
        BufferedReader in = new BufferedReader(source, 64 * 1024);
        in.mark(HEADER_LOOKAHEAD);
        int first = in.read();
        if (first != BOM) {
            in.reset();
        }
        in.mark(HEADER_LOOKAHEAD);
        String headerLine = in.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new IllegalArgumentException("the file is empty: a header row naming the columns is needed");
        }
        in.reset();
        char used = delimiter != null ? delimiter : detectDelimiter(headerLine);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(used)
                // Blank lines come through as records, so line numbers stay true; they are skipped below.
                .setIgnoreEmptyLines(false)
                // "abc"def is read as abcdef instead of failing the whole file.
                .setTrailingData(true)
                .get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IllegalArgumentException("the file is empty: a header row naming the columns is needed");
            }
            CsvColumnMapping mapping = CsvColumnMapping.of(records.next().toList(), overrides);
            LeadRowConverter converter = converters.apply(mapping);
            while (true) {
                long startLine = parser.getCurrentLineNumber() + 1;
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof StrictDecodingReader.UndecodableInputException undecodable) {
                        throw undecodable;
                    }
                    rows.accept(LeadRow.refused(startLine, LeadRowConverter.UNREADABLE, "the CSV cannot be read "
                            + "from here on (" + e.getCause().getMessage() + "); a quote opened on or after this "
                            + "line is never closed"));
                    break;
                }
                List<String> values = record.toList();
                if (values.size() == 1 && values.get(0).isBlank()) {
                    continue;
                }
                rows.accept(converter.convert(startLine, values));
            }
            return new Layout(used, mapping);
        }
    }

    /** The candidate that occurs most often outside quotes in the header line; a comma when none does. */
    static char detectDelimiter(String headerLine) {
        char[] candidates = {',', ';', '\t'};
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        for (char c : headerLine.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int i = 0; i < candidates.length; i++) {
                    if (c == candidates[i]) {
                        counts[i]++;
                    }
                }
            }
        }
        int best = 0;
        for (int i = 1; i < candidates.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** The rows of a small CSV, for tests and previews. */
    static List<LeadRow> readAll(CsvLeadReader reader, Reader source) throws IOException {
        List<LeadRow> rows = new ArrayList<>();
        reader.read(source, rows::add);
        return rows;
    }
}
