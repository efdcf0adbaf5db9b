package io.clayflow.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The mapped columns of one callback, read leniently: a value that cannot be read as its field's type (an
 * {@code icp_score} of {@code "N/A"} or {@code 85.5}, an email that is a number, an {@code occurred_at} that is not a
 * time) leaves the field at its fallback, is named in {@link #unreadable()}, and its raw text is kept in
 * {@link #raw()} under its column's name: a row Clay enriched (and billed) is published rather than refused. Two
 * columns filling one field make it unreadable too, both raw values kept. {@code lead_id} is the caller's to read
 * strictly: without one the callback cannot be matched to a lead.
 */
final class CallbackFields {

    /** Reads one field's node with a strict {@link FieldReader}, which records an error when it cannot. */
    @FunctionalInterface
    interface Read<T> {
        T read(FieldReader reader, JsonNode node, String pointer);
    }

    private final ColumnMapping columns;
    private final Map<String, List<String>> columnsOf = new HashMap<>();
    private final Map<String, JsonNode> byColumn = new HashMap<>();
    private final Set<String> unreadable = new TreeSet<>();
    private final Map<String, String> raw = new TreeMap<>();

    CallbackFields(ColumnMapping columns) {
        this.columns = Objects.requireNonNull(columns, "columns");
    }

    /** A column of the callback that fills {@code field}. */
    void add(String field, String column, JsonNode node) {
        columnsOf.computeIfAbsent(field, f -> new ArrayList<>()).add(column);
        byColumn.put(column, node);
    }

    /** The field's node (from its first column), or null when no column filled it. */
    JsonNode node(String field) {
        List<String> from = columnsOf.get(field);
        return from == null ? null : byColumn.get(from.get(0));
    }

    /** The columns filling {@code field}, in the order they came. */
    List<String> columnsOf(String field) {
        return columnsOf.getOrDefault(field, List.of());
    }

    /** The pointer to the column that fills {@code field}, for messages. */
    String pointer(String field) {
        List<String> from = columnsOf.get(field);
        return "/" + FieldReader.escape(from == null ? columns.columnFor(field) : from.get(0));
    }

    /**
     * The field's value, or {@code fallback} when it cannot be read or several columns fill it: the field is then
     * unreadable and its raw text kept.
     */
    <T> T read(String field, Read<T> how, T fallback) {
        if (columnsOf(field).size() > 1) {
            return unreadable(field, fallback);
        }
        FieldReader reader = new FieldReader();
        T value = how.read(reader, node(field), pointer(field));
        return reader.errors().isEmpty() ? value : unreadable(field, fallback);
    }

    /** Whether {@code field} was given but could not be read. */
    boolean isUnreadable(String field) {
        return unreadable.contains(field);
    }

    /** The fields that could not be read, sorted. */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** The raw text of every unreadable field's columns, by column name. */
    Map<String, String> raw() {
        return raw;
    }

    private <T> T unreadable(String field, T fallback) {
        unreadable.add(field);
        for (String column : columnsOf(field)) {
            JsonNode node = byColumn.get(column);
            if (node != null && !node.isNull()) {
                raw.put(column, StrictJson.text(node));
            }
        }
        return fallback;
    }
}
