package io.clayflow.connect.warehouse;

import java.sql.Types;

/** What a column holds, independent of the database: each dialect spells it in its own SQL type. */
public enum ColumnKind {
    TEXT(Types.VARCHAR),
    INTEGER(Types.INTEGER),
    BIGINT(Types.BIGINT),
    REAL(Types.REAL),
    DOUBLE(Types.DOUBLE),
    BOOLEAN(Types.BOOLEAN),
    BYTES(Types.BINARY),
    /** An instant (Avro timestamp-millis/-micros/-nanos): stored with its time zone, UTC. */
    TIMESTAMP_TZ(Types.TIMESTAMP_WITH_TIMEZONE),
    /** A wall-clock time without a zone (Avro local-timestamp-*). */
    TIMESTAMP(Types.TIMESTAMP),
    DATE(Types.DATE),
    TIME(Types.TIME),
    DECIMAL(Types.DECIMAL),
    /** Maps, arrays, nested records and multi-type unions, as JSON text. */
    JSON(Types.VARCHAR);

    private final int jdbcType;

    ColumnKind(int jdbcType) {
        this.jdbcType = jdbcType;
    }

    /** The {@link java.sql.Types} code used to bind a NULL of this kind. */
    public int jdbcType() {
        return jdbcType;
    }
}
