package io.clayflow.connect.warehouse;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Derives the warehouse table's columns from a record's Avro schema: one column per field, in field order, its kind
 * from the field's type (an optional {@code ["null", T]} field maps as {@code T}).
 */
public final class AvroColumns {

    private AvroColumns() {
    }

    /** The columns of a record schema, in its field order. */
    public static List<Column> of(Schema recordSchema) {
        if (recordSchema.getType() != Schema.Type.RECORD) {
            throw new DataException("Expected an Avro record, got " + recordSchema.getType());
        }
        List<Column> columns = new ArrayList<>();
        for (Schema.Field field : recordSchema.getFields()) {
            columns.add(column(field.name(), field.schema()));
        }
        return columns;
    }

    /** The column of one field. */
    public static Column column(String name, Schema schema) {
        Schema type = nonNull(schema);
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case STRING, ENUM, NULL -> Column.of(name, ColumnKind.TEXT);
            case BOOLEAN -> Column.of(name, ColumnKind.BOOLEAN);
            case INT -> Column.of(name, logical instanceof LogicalTypes.Date ? ColumnKind.DATE
                    : logical instanceof LogicalTypes.TimeMillis ? ColumnKind.TIME : ColumnKind.INTEGER);
            case LONG -> Column.of(name, longKind(logical));
            case FLOAT -> Column.of(name, ColumnKind.REAL);
            case DOUBLE -> Column.of(name, ColumnKind.DOUBLE);
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal decimal
                    ? new Column(name, ColumnKind.DECIMAL, decimal.getPrecision(), decimal.getScale())
                    : Column.of(name, ColumnKind.BYTES);
            case MAP, ARRAY, RECORD, UNION -> Column.of(name, ColumnKind.JSON);
        };
    }

    private static ColumnKind longKind(LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros
                || logical instanceof LogicalTypes.TimestampNanos) {
            return ColumnKind.TIMESTAMP_TZ;
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros
                || logical instanceof LogicalTypes.LocalTimestampNanos) {
            return ColumnKind.TIMESTAMP;
        }
        return logical instanceof LogicalTypes.TimeMicros ? ColumnKind.TIME : ColumnKind.BIGINT;
    }

    /** {@code ["null", T]} (either order) is {@code T}; any other union stays a union (stored as JSON). */
    static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> types = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return types.size() == 1 ? types.get(0) : schema;
    }
}
