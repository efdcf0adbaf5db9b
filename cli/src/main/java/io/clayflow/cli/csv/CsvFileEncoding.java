package io.clayflow.cli.csv;

import io.clayflow.cli.csv.StrictDecodingReader.UndecodableInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The encoding a CSV file is read in ({@code --encoding}, UTF-8 by default). The whole file is checked before anything
 * is produced, so a file whose bytes are not valid in it is refused entirely (naming the line and the option to try)
 * instead of being half imported or imported with U+FFFD where its accented letters were.
 */
final class CsvFileEncoding {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Charset charset;

    CsvFileEncoding(Charset charset) {
        this.charset = Objects.requireNonNull(charset, "charset");
    }

    Charset charset() {
        return charset;
    }

    /**
     * Reads the whole file once in this encoding.
     *
     * @throws IllegalArgumentException naming the line and bytes that are not valid, with the {@code --encoding} to
     *                                  try; or when a UTF-8 byte-order mark says the file is UTF-8 but another
     *                                  encoding was given (its first column name would start with {@code ï»¿})
     */
    void check(Path file) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8) && startsWithUtf8Bom(file)) {
            throw new IllegalArgumentException("the file starts with a UTF-8 byte-order mark, so it is UTF-8, but "
                    + "--encoding " + charset.name() + " was given: leave --encoding out");
        }
        try (InputStream in = Files.newInputStream(file)) {
            StrictDecodingReader.check(in, charset);
        } catch (UndecodableInputException e) {
            throw refusal(e);
        }
    }

    /** The file's text, refusing (never replacing) bytes that are not valid in this encoding. */
    Reader reader(InputStream in) {
        return new StrictDecodingReader(in, charset);
    }

    /** What to tell the user about bytes that are not valid in this encoding. */
    IllegalArgumentException refusal(UndecodableInputException e) {
        String hint = charset.equals(StandardCharsets.UTF_8)
                ? "If the file was saved by Excel on Windows it is likely Windows-1252: try --encoding windows-1252"
                : "Give the file's encoding with --encoding (UTF-8, windows-1252, ISO-8859-15, ...)";
        return new IllegalArgumentException(e.getMessage() + ". " + hint, e);
    }

    private static boolean startsWithUtf8Bom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(UTF8_BOM.length), UTF8_BOM);
        }
    }
}
