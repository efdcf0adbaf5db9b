package io.clayflow.connect.warehouse;

import java.util.Objects;

/**
 * One column of the warehouse table, derived from one Avro field: its name (the field's), its kind, and for
 * {@link ColumnKind#DECIMAL} its precision and scale.
 */
public record Column(String name, ColumnKind kind, int precision, int scale) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public static Column of(String name, ColumnKind kind) {
        return new Column(name, kind, 0, 0);
    }
}
