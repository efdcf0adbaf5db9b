package io.clayflow.streams;

import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.TruncatedPayloadException;
import io.clayflow.schemas.serde.UnknownMagicByteException;
import io.clayflow.schemas.serde.UnknownSchemaIdException;

/**
 * Why a record's bytes did not decode, as the stable dead-letter reason every app uses, and whether the fault is the
 * registry's (retry the record) rather than the record's (dead-letter it).
 */
public enum DecodeFailure {

    MAGIC_BYTE("decode.magic_byte", UnknownMagicByteException.class),
    UNKNOWN_SCHEMA_ID("decode.unknown_schema_id", UnknownSchemaIdException.class),
    TRUNCATED("decode.truncated", TruncatedPayloadException.class),
    /** Anything else: garbage that got past the header. Dead letters with this reason carry a stack trace. */
    INVALID("decode.invalid", null);

    private final String reason;
    private final Class<? extends Exception> signal;

    /** @param signal the exception, anywhere in a failure's causes, that tells this failure; null for the rest */
    DecodeFailure(String reason, Class<? extends Exception> signal) {
        this.reason = reason;
        this.signal = signal;
    }

    /** The stable dead-letter reason, e.g. {@code decode.magic_byte}. */
    public String reason() {
        return reason;
    }

    /** The failure an exception tells: the first of its causes that names one, else {@link #INVALID}. */
    public static DecodeFailure of(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            for (DecodeFailure failure : values()) {
                if (failure.signal != null && failure.signal.isInstance(t)) {
                    return failure;
                }
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
