package io.clayflow.gateway;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.clayflow.schemas.EnrichedLead;

/**
 * The cost figures a Clay callback may carry, mapped like any column ({@code callback.columns}, e.g.
 * {@code Actions Used:clay_actions_used}): the Actions and Data Credits the row cost and the table that enriched it.
 * They never refuse a callback: the row is already paid for, so a figure that is not a whole number
 * ({@code "2.5"}, {@code "N/A"}) leaves its field empty (the configured estimate then stands in the cost ledger) and
 * is kept, as received, in {@code enrichment} under its column's name.
 */
final class CostColumns {

    static final String ACTIONS = "clay_actions_used";
    static final String DATA_CREDITS = "clay_data_credits_used";
    static final String TABLE = "clay_table";
    static final Set<String> FIELDS = Set.of(ACTIONS, DATA_CREDITS, TABLE);

    private CostColumns() {
    }

    /** Sets the cost fields of {@code lead} from the mapped {@code fields}; unreadable values go to {@code enrichment}. */
    static void apply(CallbackFields fields, EnrichedLead.Builder lead, Map<String, String> enrichment) {
        lead.setClayActionsUsed(count(fields.node(ACTIONS), columnOf(fields, ACTIONS), enrichment));
        lead.setClayDataCreditsUsed(count(fields.node(DATA_CREDITS), columnOf(fields, DATA_CREDITS), enrichment));
        JsonNode table = fields.node(TABLE);
        if (table != null && !table.isNull()) {
            String name = table.isValueNode() ? table.asText().trim() : "";
            if (!name.isEmpty() && name.length() <= FieldReader.MAX_ID_LENGTH) {
                lead.setClayTable(name);
            } else {
                enrichment.put(columnOf(fields, TABLE), StrictJson.text(table));
            }
        }
    }

    /** The column {@code field} was read from: the first of them, or the field's own name. */
    private static String columnOf(CallbackFields fields, String field) {
        List<String> columns = fields.columnsOf(field);
        return columns.isEmpty() ? field : columns.get(0);
    }

    /** A whole, non-negative number (42, 42.0, "42", "42.0"), or null; anything else is kept in enrichment. */
    private static Long count(JsonNode node, String column, Map<String, String> enrichment) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue()
                    : node.isTextual() ? new BigDecimal(node.textValue().trim()) : null;
            if (value != null && value.signum() >= 0) {
                return value.longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // a fraction, too large, or not a number: kept below
        }
        enrichment.put(column, StrictJson.text(node));
        return null;
    }
}
