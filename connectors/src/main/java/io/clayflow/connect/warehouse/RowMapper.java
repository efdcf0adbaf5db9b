package io.clayflow.connect.warehouse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Maps a decoded record, read with its writer's schema, to a {@link WarehouseRow}: the columns of that schema (so a
 * newer producer's fields are seen) and the values converted for JDBC.
 */
public final class RowMapper {

    private final String keyField;
    private final Dialect dialect;
    // Writer schemas are few (one per registered version) and the serde hands out one instance per schema id.
    private final Map<Schema, List<Column>> columnsBySchema = new HashMap<>();

    public RowMapper(String keyField, Dialect dialect) {
        this.keyField = Objects.requireNonNull(keyField, "keyField");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** @throws DataException when the record has no usable key or a value does not convert */
    public WarehouseRow map(SinkRecord record, GenericRecord value) {
        Schema schema = value.getSchema();
        List<Column> columns = columnsBySchema.computeIfAbsent(schema, this::columnsOf);
        Object key = value.get(keyField);
        if (key == null || key.toString().isBlank()) {
            throw new DataException("The record has no " + keyField + ", the warehouse table's key");
        }
        Object[] values = new Object[columns.size()];
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < values.length; i++) {
            Schema.Field field = fields.get(i);
            try {
                values[i] = dialect.bindable(columns.get(i), AvroValues.toJdbc(value.get(i), field.schema(),
                        columns.get(i)));
            } catch (RuntimeException e) {
                throw new DataException("Field " + field.name() + " does not convert to " + columns.get(i).kind()
                        + ": " + e, e);
            }
        }
        return new WarehouseRow(record, key.toString(), columns, values);
    }

    private List<Column> columnsOf(Schema schema) {
        List<Column> columns = AvroColumns.of(schema);
        if (columns.stream().noneMatch(c -> c.name().equals(keyField))) {
            throw new DataException("Schema " + schema.getFullName() + " has no field " + keyField
                    + ", the warehouse table's key");
        }
        return List.copyOf(columns);
    }
}
