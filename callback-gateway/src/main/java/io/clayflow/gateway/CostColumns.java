package io.clayflow.gateway;

import java.math.BigDecimal;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.clayflow.schemas.EnrichedLead;

/**
 * The cost figures a Clay callback may carry, mapped like any column ({@code callback.columns}, e.g.
 * {@code Actions Used:clay_actions_used}): the Actions and Data Credits the row cost and the table that enriched it.
 * Read as leniently as every field ({@link CallbackFields}): a figure that is not a whole, non-negative number
 * ({@code "2.5"}, {@code "N/A"}) leaves its field empty (the configured estimate then stands in the cost ledger), is
 * named in {@code unreadable_fields} and kept as received in {@code enrichment}; it never refuses the callback.
 */
final class CostColumns {

    static final String ACTIONS = "clay_actions_used";
    static final String DATA_CREDITS = "clay_data_credits_used";
    static final String TABLE = "clay_table";
    static final Set<String> FIELDS = Set.of(ACTIONS, DATA_CREDITS, TABLE);

    private CostColumns() {
    }

    static void apply(CallbackFields fields, EnrichedLead.Builder lead) {
        lead.setClayActionsUsed(fields.read(ACTIONS, CostColumns::count, null));
        lead.setClayDataCreditsUsed(fields.read(DATA_CREDITS, CostColumns::count, null));
        lead.setClayTable(fields.read(TABLE, FieldReader::optionalText, null));
    }

    /** A whole, non-negative number (42, 42.0, "42", "42.0"), or null with an error recorded. */
    static Long count(FieldReader reader, JsonNode node, String pointer) {
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
            // a fraction, too large, or not a number: recorded below
        }
        reader.error(pointer, "must be a whole number of credits, not " + FieldReader.kind(node));
        return null;
    }
}
