package io.clayflow.streams;

import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.TruncatedPayloadException;
import io.clayflow.schemas.serde.UnknownMagicByteException;
import io.clayflow.schemas.serde.UnknownSchemaIdException;

/**
 * Why a record's bytes did not decode, as the stable dead-letter reason every app uses, and whether the fault is the
 * registry's (retry the record) rather than the record's (dead-letter it).
 */
public final class DecodeFailure {

    public static final String MAGIC_BYTE = "decode.magic_byte";
    public static final String UNKNOWN_SCHEMA_ID = "decode.unknown_schema_id";
    public static final String TRUNCATED = "decode.truncated";
    /** Anything else: garbage that got past the header. Dead letters with this reason carry a stack trace. */
    public static final String INVALID = "decode.invalid";

    private DecodeFailure() {
    }

    /** The dead-letter reason of a decode failure. */
    public static String reason(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof UnknownMagicByteException) {
                return MAGIC_BYTE;
            }
            if (t instanceof UnknownSchemaIdException) {
                return UNKNOWN_SCHEMA_ID;
            }
            if (t instanceof TruncatedPayloadException) {
                return TRUNCATED;
            }
        }
        return INVALID;
    }

    /**
     * True when the registry could not be reached or answered with a retryable error: the record is not at fault, so
     * dead-lettering it would throw away a good record for every record read during an outage.
     */
    public static boolean registryUnavailable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException sre) {
                return sre.isRetryable();
            }
        }
        return false;
    }
}
