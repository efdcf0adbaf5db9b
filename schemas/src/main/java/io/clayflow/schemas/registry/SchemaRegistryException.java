package io.clayflow.schemas.registry;

/**
 * A failed schema-registry call, carrying what the registry said: the HTTP status and the Confluent
 * {@code error_code} (for example 40401 subject not found, 40403 schema not found, 409 incompatible schema).
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Confluent error code: subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Confluent error code: version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Confluent error code: schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Confluent error code: the schema is incompatible with an earlier version. */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** Confluent error code: the schema is not valid. */
    public static final int INVALID_SCHEMA = 42201;

    private final int httpStatus;
    private final int errorCode;
    private final boolean tlsFailure;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.tlsFailure = false;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private SchemaRegistryException(String message, Throwable cause, boolean tlsFailure) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
        this.tlsFailure = tlsFailure;
    }

    /** The TLS handshake with the registry failed: its certificate is not trusted, or it refused ours. */
    static SchemaRegistryException tlsHandshake(String message, Throwable cause) {
        return new SchemaRegistryException(message, cause, true);
    }

    /** True when no TLS session could be set up (trust or client certificate): repeating the call cannot help. */
    public boolean isTlsFailure() {
        return tlsFailure;
    }

    /** The HTTP status of the registry's answer, or -1 when no answer came (connection failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, or -1 when it gave none. */
    public int errorCode() {
        return errorCode;
    }

    /** True for a 404 of any kind (subject, version or schema not found). */
    public boolean isNotFound() {
        return httpStatus == 404;
    }

    /** True when the registry refused a schema as incompatible with an earlier version. */
    public boolean isIncompatible() {
        return httpStatus == 409 || errorCode == INCOMPATIBLE_SCHEMA;
    }

    /** True when the call may succeed if repeated: no answer at all, a 5xx, a 408 or a 429. */
    public boolean isRetryable() {
        return httpStatus == -1 && !tlsFailure || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }
}
