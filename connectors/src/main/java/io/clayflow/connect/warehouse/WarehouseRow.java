package io.clayflow.connect.warehouse;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record ready for the table: its key, the columns of its writer's schema and the values to bind, in the same
 * order, converted once.
 */
public record WarehouseRow(SinkRecord record, String key, List<Column> columns, Object[] values) {

    public WarehouseRow {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(values, "values");
    }
}
