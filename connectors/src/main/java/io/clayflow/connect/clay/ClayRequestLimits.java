package io.clayflow.connect.clay;

import io.clayflow.config.KeyGroup;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Clay sink's "Batching and rate" group: how much one webhook request carries at most (rows in the array format,
 * bytes of JSON body) and how many rows go out per second.
 *
 * @param maxRows       most rows in one request of a table in the array format (the object format sends one)
 * @param maxBytes      largest JSON body of one request
 * @param rowsPerSecond rows sent per second at most
 */
record ClayRequestLimits(int maxRows, int maxBytes, int rowsPerSecond) {

    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    public static final String BATCH_MAX_BYTES = "batch.max.bytes";
    /** The smallest {@value #BATCH_MAX_BYTES}: room for at least one row. */
    public static final int MIN_BATCH_BYTES = 1_024;
    public static final String RATE_LIMIT_ROWS_PER_SECOND = "rate.limit.rows.per.second";

    /** Adds the group to the sink's definition. */
    static void define(ConfigDef def) {
        KeyGroup.of(def, "Batching and rate")
                .define(BATCH_MAX_ROWS, Type.INT, 10, Range.between(1, 100), Importance.MEDIUM,
                        "Rows per request", "Most rows in one webhook request.")
                .define(BATCH_MAX_BYTES, Type.INT, 100_000, Range.atLeast(1), Importance.MEDIUM,
                        "Bytes per request",
                        "Largest JSON body of one request, in bytes (Clay refuses 100 KB and more).")
                .define(RATE_LIMIT_ROWS_PER_SECOND, Type.INT, 10, Range.atLeast(1), Importance.MEDIUM,
                        "Rows per second",
                        "Rows sent per second at most: a safety net under the intake throttle, at Clay's limit.");
    }

    /** Reads the group from a config defined with {@link #define}, refusing a body too small for one row. */
    static ClayRequestLimits from(AbstractConfig config) {
        int maxBytes = config.getInt(BATCH_MAX_BYTES);
        if (maxBytes < MIN_BATCH_BYTES) {
            throw new ConfigException(BATCH_MAX_BYTES, maxBytes, "must leave room for at least one row (>= "
                    + MIN_BATCH_BYTES + ")");
        }
        return new ClayRequestLimits(config.getInt(BATCH_MAX_ROWS), maxBytes,
                config.getInt(RATE_LIMIT_ROWS_PER_SECOND));
    }

    @Override
    public String toString() {
        return maxRows + " rows/request in the array format, " + maxBytes + " bytes/request, " + rowsPerSecond
                + " rows/s";
    }
}
