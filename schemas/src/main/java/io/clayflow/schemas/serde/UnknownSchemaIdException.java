package io.clayflow.schemas.serde;

/** The 4-byte schema id names no schema in the registry (written against another registry, or deleted). */
public class UnknownSchemaIdException extends AvroWireFormatException {

    private static final long serialVersionUID = 1L;

    private final int schemaId;

    public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
        super("Unknown schema id " + schemaId + " in a record of topic " + topic
                + ": the schema registry has no schema with that id", cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
