package io.clayflow.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not a valid Confluent-wire-format Avro record; subclasses say exactly what is wrong. */
public class AvroWireFormatException extends SerializationException {

    private static final long serialVersionUID = 1L;

    public AvroWireFormatException(String message) {
        super(message);
    }

    public AvroWireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
