package io.clayflow.schemas.serde;

import java.nio.ByteBuffer;

/** The Confluent wire format's 5-byte header: magic byte 0, then the schema id as a big-endian int. */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** Writes the header into the first five bytes of a buffer. */
    static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * The schema id in a record's header.
     *
     * @throws TruncatedPayloadException when there are fewer than five bytes
     * @throws UnknownMagicByteException when the first byte is not 0
     */
    public static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw TruncatedPayloadException.header(topic, payload.length);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, payload[0]);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
