package io.clayflow.schemas.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Whether a new schema can read everything an older one wrote (BACKWARD, as the registry checks it), using
 * Avro's own {@link SchemaCompatibility}, with each problem named by its field path.
 */
public final class BackwardCompatibility {

    private BackwardCompatibility() {
    }

    /**
     * The reasons {@code newer} cannot read data written with {@code older}; empty when it can.
     * Each reason starts with the field path, e.g. {@code field 'icp_score': READER_FIELD_MISSING_DEFAULT_VALUE ...}.
     */
    public static List<String> problems(Schema newer, Schema older) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(newer, older);
        List<String> problems = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            problems.add("field '" + fieldPath(newer, incompatibility) + "': " + incompatibility.getType() + " ("
                    + incompatibility.getMessage() + ") at " + incompatibility.getLocation());
        }
        return problems;
    }

    /**
     * The dotted field path a JSON-pointer location such as {@code /fields/3/type/1} points at in the reader
     * schema.
     */
    static String fieldPath(Schema reader, Incompatibility incompatibility) {
        String[] steps = incompatibility.getLocation().split("/");
        List<String> names = new ArrayList<>();
        Schema current = reader;
        for (int i = 1; i < steps.length && current != null; i++) {
            String step = steps[i];
            if ("fields".equals(step) && i + 1 < steps.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(steps[++i]));
                names.add(field.name());
                current = field.schema();
            } else if ("type".equals(step) || "name".equals(step) || "size".equals(step) || "symbols".equals(step)) {
                continue;
            } else if ("items".equals(step) && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if ("values".equals(step) && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (current.getType() == Schema.Type.UNION && step.chars().allMatch(Character::isDigit)) {
                current = current.getTypes().get(Integer.parseInt(step));
            } else {
                break;
            }
        }
        return names.isEmpty() ? "(root)" : String.join(".", names);
    }
}
