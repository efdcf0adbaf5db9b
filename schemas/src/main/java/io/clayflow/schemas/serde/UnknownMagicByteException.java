package io.clayflow.schemas.serde;

/** The first byte is not the Confluent wire format's magic byte 0: the bytes were not written by an Avro serde. */
public class UnknownMagicByteException extends AvroWireFormatException {

    private static final long serialVersionUID = 1L;

    private final byte magicByte;

    public UnknownMagicByteException(String topic, byte magicByte) {
        super(String.format("Unknown magic byte 0x%02x in a record of topic %s: expected 0x00, the Confluent wire "
                + "format (magic byte, 4-byte schema id, Avro binary)", magicByte, topic));
        this.magicByte = magicByte;
    }

    public byte magicByte() {
        return magicByte;
    }
}
