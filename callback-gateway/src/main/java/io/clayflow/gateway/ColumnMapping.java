package io.clayflow.gateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which Clay column fills which {@code EnrichedLead} field. Clay users name columns freely ("Work Email", "ICP
 * Score"), so the mapping is configured; a column named exactly like a field maps to it unless mapped elsewhere.
 * Columns mapped to nothing go into {@code enrichment}.
 */
public final class ColumnMapping {

    /** The {@code EnrichedLead} fields a column can fill ({@code enriched_at} is always the receive time). */
    public static final Set<String> FIELDS = Set.of("lead_id", "email", "first_name", "last_name", "company_name",
            "company_domain", "title", "linkedin_url", "phone", "source", "source_id", "occurred_at", "attributes",
            "work_email", "seniority", "company_size", "industry", "country", "icp_score", "enrichment",
            "clay_actions_used", "clay_data_credits_used", "clay_table");

    private final Map<String, String> columnToField;

    public ColumnMapping(Map<String, String> columnToField) {
        columnToField.forEach((column, field) -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("column '" + column + "' maps to unknown field '" + field
                        + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        });
        this.columnToField = Map.copyOf(columnToField);
    }

    /** Parses {@code Column Name:field,Other Column:other_field}; column names may hold spaces, not ',' or ':'. */
    public static ColumnMapping parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        if (spec != null) {
            for (String pair : spec.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int colon = pair.lastIndexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) {
                    throw new IllegalArgumentException("'" + pair.trim() + "' is not 'Column Name:field'");
                }
                String column = pair.substring(0, colon).trim();
                if (map.put(column, pair.substring(colon + 1).trim()) != null) {
                    throw new IllegalArgumentException("column '" + column + "' is mapped twice");
                }
            }
        }
        return new ColumnMapping(map);
    }

    /** The field a column fills, or empty when it belongs in {@code enrichment}. */
    public Optional<String> fieldOf(String column) {
        String mapped = columnToField.get(column);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        if (FIELDS.contains(column) && !columnToField.containsValue(column)) {
            return Optional.of(column);
        }
        return Optional.empty();
    }

    /** The column expected to fill {@code field}: the configured one, else the field's own name. */
    public String columnFor(String field) {
        return columnToField.entrySet().stream().filter(e -> e.getValue().equals(field)).map(Map.Entry::getKey)
                .findFirst().orElse(field);
    }

    @Override
    public String toString() {
        return columnToField.toString();
    }
}
