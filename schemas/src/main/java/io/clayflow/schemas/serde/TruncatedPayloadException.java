package io.clayflow.schemas.serde;

/** The bytes end too early: shorter than the 5-byte header, or the Avro body stops before the record does. */
public class TruncatedPayloadException extends AvroWireFormatException {

    private static final long serialVersionUID = 1L;

    private TruncatedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Fewer than the header's five bytes. */
    public static TruncatedPayloadException header(String topic, int length) {
        return new TruncatedPayloadException("Truncated record in topic " + topic + ": " + length
                + " bytes, fewer than the 5-byte header (magic byte and schema id) of the Confluent wire format", null);
    }

    /** The Avro body ends (at {@code cause}) before the record written with schema {@code schemaId} is complete. */
    public static TruncatedPayloadException body(String topic, int bodyLength, String recordName, int schemaId,
            Throwable cause) {
        return new TruncatedPayloadException("Truncated record in topic " + topic + ": its " + bodyLength
                + "-byte Avro body ends before the " + recordName + " (schema id " + schemaId + ") is complete", cause);
    }
}
