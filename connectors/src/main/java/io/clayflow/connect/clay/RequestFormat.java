package io.clayflow.connect.clay;

import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * How rows go to a Clay table's webhook. {@link #OBJECT}, the default, is what Clay documents: one JSON object per
 * request is one row. {@link #ARRAY} posts up to {@code batch.max.rows} rows as one JSON array, which Clay does not
 * document: use it only for a table whose owner checked that it splits an array into rows (docs/clay-tables.md says
 * how). Either way the rate limit and the caps count rows, never requests.
 */
enum RequestFormat {
    OBJECT,
    ARRAY;

    /** The setting's values: {@code object} and {@code array}. */
    static final List<String> VALUES = List.of("object", "array");

    /** Most rows one request of this format carries. */
    int maxRows(int batchMaxRows) {
        return this == OBJECT ? 1 : batchMaxRows;
    }

    /** The request body: the row itself (one row, object format), or a JSON array of the rows. */
    byte[] body(List<ClayRow> rows) {
        if (this == OBJECT) {
            if (rows.size() != 1) {
                throw new IllegalArgumentException("an object request carries exactly one row, not " + rows.size());
            }
            return rows.get(0).json();
        }
        return RowBatcher.body(rows);
    }

    static RequestFormat parse(String key, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!VALUES.contains(text)) {
            throw new ConfigException(key, value, "must be one of " + VALUES);
        }
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    parse(name, value.toString());
                }
            }

            @Override
            public String toString() {
                return String.join(" | ", VALUES);
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
