package io.clayflow.schemas.serde;

/** The bytes end too early: shorter than the 5-byte header, or the Avro body stops before the record does. */
public class TruncatedPayloadException extends AvroWireFormatException {

    private static final long serialVersionUID = 1L;

    public TruncatedPayloadException(String message) {
        super(message);
    }

    public TruncatedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
