package io.clayflow.connect.warehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns the values of a generic Avro record (as read with its writer's schema: {@code Utf8} strings, epoch numbers
 * for logical times) into the Java values JDBC binds for each {@link ColumnKind}: text, numbers, {@code OffsetDateTime}
 * in UTC for instants, {@code BigDecimal}, and JSON text (keys sorted, so equal values are equal text) for maps,
 * arrays and records.
 */
public final class AvroValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroValues() {
    }

    /** The JDBC value of a field of the given column, or null. */
    public static Object toJdbc(Object value, Schema fieldSchema, Column column) {
        if (value == null) {
            return null;
        }
        Schema schema = AvroColumns.nonNull(fieldSchema);
        return switch (column.kind()) {
            case TEXT -> value.toString();
            case INTEGER, BIGINT, REAL, DOUBLE, BOOLEAN -> value;
            case BYTES -> bytes(value);
            case TIMESTAMP_TZ -> OffsetDateTime.ofInstant(instant((Long) value, schema.getLogicalType()), ZoneOffset.UTC);
            case TIMESTAMP -> LocalDateTime.ofInstant(instant((Long) value, schema.getLogicalType()), ZoneOffset.UTC);
            case DATE -> LocalDate.ofEpochDay((Integer) value);
            case TIME -> value instanceof Integer millis ? LocalTime.ofNanoOfDay(millis * 1_000_000L)
                    : LocalTime.ofNanoOfDay((Long) value * 1_000L);
            case DECIMAL -> decimal(value, schema);
            case JSON -> json(value, fieldSchema);
        };
    }

    private static Instant instant(long value, LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
            return Instant.EPOCH.plusNanos(Math.multiplyExact(value, 1_000L));
        }
        if (logical instanceof LogicalTypes.TimestampNanos || logical instanceof LogicalTypes.LocalTimestampNanos) {
            return Instant.EPOCH.plusNanos(value);
        }
        return Instant.ofEpochMilli(value);
    }

    private static BigDecimal decimal(Object value, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return value instanceof GenericFixed fixed ? DECIMALS.fromFixed(fixed, schema, logical)
                : DECIMALS.fromBytes(((ByteBuffer) value).duplicate(), schema, logical);
    }

    private static byte[] bytes(Object value) {
        if (value instanceof GenericFixed fixed) {
            return fixed.bytes().clone();
        }
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static String json(Object value, Schema schema) {
        try {
            return JSON.writeValueAsString(plain(value, schema));
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot write the value as JSON: " + e.getMessage(), e);
        }
    }

    /** An Avro value as plain Java (maps, lists, strings, numbers, booleans) for JSON. */
    private static Object plain(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        return switch (schema.getType()) {
            case UNION -> plain(value, schema.getTypes().get(GenericData.get().resolveUnion(schema, value)));
            case RECORD -> {
                GenericRecord record = (GenericRecord) value;
                Map<String, Object> fields = new TreeMap<>();
                for (Schema.Field field : schema.getFields()) {
                    fields.put(field.name(), plain(record.get(field.pos()), field.schema()));
                }
                yield fields;
            }
            case MAP -> {
                Map<String, Object> entries = new TreeMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> entries.put(k.toString(), plain(v, schema.getValueType())));
                yield entries;
            }
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (Iterable<?>) value) {
                    items.add(plain(item, schema.getElementType()));
                }
                yield items;
            }
            case BYTES, FIXED -> schema.getLogicalType() instanceof LogicalTypes.Decimal
                    ? decimal(value, schema).toPlainString() : Base64.getEncoder().encodeToString(bytes(value));
            case LONG -> schema.getLogicalType() == null || schema.getLogicalType() instanceof LogicalTypes.TimeMicros
                    ? value : instant((Long) value, schema.getLogicalType()).toString();
            case INT -> schema.getLogicalType() instanceof LogicalTypes.Date
                    ? LocalDate.ofEpochDay((Integer) value).toString() : value;
            case STRING, ENUM -> value.toString();
            case BOOLEAN, FLOAT, DOUBLE, NULL -> value;
        };
    }
}
