package io.clayflow.cli.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Text from bytes in one charset, refusing bytes that are not valid in it instead of replacing them with U+FFFD (what
 * {@link java.io.InputStreamReader} does): a Windows-1252 export read as UTF-8 would otherwise turn {@code Jürgen}
 * into {@code J\uFFFDrgen} without a word, and the damaged name would go to Clay and the CRM. The refusal names the
 * line (counted in the decoded text) and the byte offset of the first bad byte.
 */
final class StrictDecodingReader extends Reader {

    private static final int BUFFER = 8 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private long line = 1;
    private long bytesDecoded;
    private boolean endOfInput;
    private boolean flushed;

    StrictDecodingReader(InputStream in, Charset charset) {
        this.in = Objects.requireNonNull(in, "in");
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Reads {@code in} to its end.
     *
     * @throws UndecodableInputException at the first byte sequence that is not valid in {@code charset}
     */
    static void check(InputStream in, Charset charset) throws IOException {
        try (StrictDecodingReader reader = new StrictDecodingReader(in, charset)) {
            char[] sink = new char[BUFFER];
            while (reader.read(sink, 0, sink.length) >= 0) {
                // Only the decoding matters here.
            }
        }
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !decodeMore()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /** Decodes the next chunk into {@link #chars}; false at the end of the input. */
    private boolean decodeMore() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (flushed) {
                    return false;
                }
                int before = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                bytesDecoded += bytes.position() - before;
                if (result.isError()) {
                    if (chars.position() > 0) {
                        break; // hand out what came before the bad bytes; the next call refuses them
                    }
                    throw refusal(result.length());
                }
                if (result.isUnderflow()) {
                    if (endOfInput) {
                        decoder.flush(chars);
                        flushed = true;
                    } else {
                        fill();
                    }
                }
            }
        } finally {
            chars.flip();
        }
        countLines();
        return true;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private void countLines() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
    }

    private UndecodableInputException refusal(int badLength) {
        byte[] bad = new byte[Math.min(badLength, bytes.remaining())];
        bytes.get(bytes.position(), bad);
        return new UndecodableInputException(decoder.charset(), line, bytesDecoded, bad);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not valid in the charset they are read in, at a known line and byte offset. */
    static final class UndecodableInputException extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Charset charset;
        private final long line;

        UndecodableInputException(Charset charset, long line, long byteOffset, byte[] bad) {
            super("line " + line + " (byte offset " + byteOffset + "): " + describe(bad) + " is not valid "
                    + charset.displayName());
            this.charset = charset;
            this.line = line;
        }

        Charset charset() {
            return charset;
        }

        long line() {
            return line;
        }

        private static String describe(byte[] bad) {
            StringBuilder text = new StringBuilder(bad.length == 1 ? "the byte" : "the bytes");
            for (byte b : bad) {
                text.append(" 0x").append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
            return text.toString();
        }
    }
}
