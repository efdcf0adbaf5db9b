package io.clayflow.routing;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The variables a routing rule can use: one per field of the lead's Avro schema, named and typed after it
 * ({@code icp_score} an int that may be null, {@code enrichment} a map of strings, {@code enriched_at} a
 * timestamp, ...), so a field added to {@code EnrichedLead} is usable in rules without a code change. Fields of a
 * type CEL has no plain counterpart for (records, bytes, unions of several types) are left out.
 */
final class LeadVariables {

    private final Map<String, Variable> variables;

    private LeadVariables(Map<String, Variable> variables) {
        this.variables = variables;
    }

    /** The variables of a record schema (the app's own {@code EnrichedLead} schema in production). */
    static LeadVariables of(Schema recordSchema) {
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (Schema.Field field : recordSchema.getFields()) {
            Schema schema = field.schema();
            boolean nullable = false;
            if (schema.getType() == Schema.Type.UNION) {
                List<Schema> branches = schema.getTypes().stream()
                        .filter(branch -> branch.getType() != Schema.Type.NULL).toList();
                if (branches.size() != 1) {
                    continue;
                }
                nullable = branches.size() < schema.getTypes().size();
                schema = branches.get(0);
            }
            CelType type = celType(schema);
            if (type == null || (nullable && !(type instanceof SimpleType))) {
                continue;
            }
            variables.put(field.name(), new Variable(field, schema, nullable ? NullableType.create(type) : type));
        }
        return new LeadVariables(Map.copyOf(variables));
    }

    /** Name and CEL type of every variable, to declare to the CEL compiler. */
    Map<String, CelType> declarations() {
        Map<String, CelType> declarations = new LinkedHashMap<>();
        variables.forEach((name, variable) -> declarations.put(name, variable.celType()));
        return declarations;
    }

    /** The variable names, sorted, for messages. */
    String names() {
        return variables.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /**
     * The value of every variable for one lead. A field the lead's (older or newer) writer schema lacks takes the
     * app schema's default, as Avro's schema resolution would; an absent optional value is CEL's {@code null}.
     */
    Map<String, Object> valuesOf(GenericRecord lead) {
        Objects.requireNonNull(lead, "lead");
        Map<String, Object> values = new HashMap<>();
        variables.forEach((name, variable) -> {
            Object value;
            if (lead.getSchema().getField(name) != null) {
                value = lead.get(name);
            } else if (variable.field().hasDefaultValue()) {
                value = GenericData.get().getDefaultValue(variable.field());
            } else {
                return; // unbound: a rule that reads it fails, and the lead is dead-lettered with the reason
            }
            values.put(name, value == null ? NullValue.NULL_VALUE : celValue(value, variable.schema()));
        });
        return values;
    }

    private static CelType celType(Schema schema) {
        return switch (schema.getType()) {
            case STRING, ENUM -> SimpleType.STRING;
            case INT -> SimpleType.INT;
            case LONG -> isTimestamp(schema) ? SimpleType.TIMESTAMP : SimpleType.INT;
            case FLOAT, DOUBLE -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case MAP -> celType(schema.getValueType()) instanceof SimpleType values && !isTimestamp(schema.getValueType())
                    ? MapType.create(SimpleType.STRING, values) : null;
            case ARRAY -> celType(schema.getElementType()) instanceof SimpleType elements
                    && !isTimestamp(schema.getElementType()) ? ListType.create(elements) : null;
            default -> null;
        };
    }

    private static boolean isTimestamp(Schema schema) {
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                || schema.getLogicalType() instanceof LogicalTypes.TimestampMicros;
    }

    /** An Avro value (generic: Utf8, Integer, Long for times, ...) as the Java type CEL evaluates. */
    private static Object celValue(Object value, Schema actual) {
        return switch (actual.getType()) {
            case STRING, ENUM -> value.toString();
            case INT -> ((Number) value).longValue();
            case LONG -> value instanceof Instant instant ? instant
                    : actual.getLogicalType() instanceof LogicalTypes.TimestampMicros
                    ? Instant.EPOCH.plusNanos(((Number) value).longValue() * 1_000)
                    : isTimestamp(actual) ? Instant.ofEpochMilli(((Number) value).longValue())
                    : ((Number) value).longValue();
            case FLOAT, DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case MAP -> {
                Map<String, Object> map = new HashMap<>();
                ((Map<?, ?>) value).forEach((k, v) -> map.put(k.toString(),
                        v == null ? NullValue.NULL_VALUE : celValue(v, actual.getValueType())));
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    list.add(element == null ? NullValue.NULL_VALUE : celValue(element, actual.getElementType()));
                }
                yield list;
            }
            default -> throw new IllegalStateException("No CEL value for Avro type " + actual.getType());
        };
    }

    private record Variable(Schema.Field field, Schema schema, CelType celType) {
    }
}
