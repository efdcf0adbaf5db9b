package io.clayflow.intake;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import java.util.Objects;
import java.util.Optional;

/**
 * The cost ledger's entries intake writes ({@link io.clayflow.schemas.Topics#COST_EVENTS}): the estimated cost of
 * a row it released, what a dropped duplicate or a cache hit saved, and the actual figures a Clay callback carried.
 *
 * @param table the Clay table an estimate is booked to until a callback names the real one ({@code cost.table})
 * @param perRow the configured cost of one row
 */
record CostEstimates(String table, ClayCost perRow) {

    CostEstimates {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(perRow, "perRow");
    }

    CostEvent released(Lead lead, long at) {
        return CostEvent.estimated(lead.getLeadId(), lead.getSource(), table, perRow.actions(), perRow.dataCredits(),
                at);
    }

    CostEvent savedByDuplicate(Lead lead, long at) {
        return CostEvent.saved(CostEvent.Kind.SAVED_DUPLICATE, lead.getLeadId(), lead.getSource(), table,
                perRow.actions(), perRow.dataCredits(), at);
    }

    /** A repeat served from the enrichment cache instead of Clay: what sending it would have cost. */
    CostEvent savedByCache(String leadId, String source, long at) {
        return CostEvent.saved(CostEvent.Kind.SAVED_CACHE, leadId, source, table,
                perRow.actions(), perRow.dataCredits(), at);
    }

    /**
     * The actual cost a callback reported, or empty when it carried neither figure. The table is the one the callback
     * named, else {@link #table}.
     */
    Optional<CostEvent> actual(EnrichedLead lead) {
        if (lead == null || (lead.getClayActionsUsed() == null && lead.getClayDataCreditsUsed() == null)) {
            return Optional.empty();
        }
        String named = lead.getClayTable();
        return Optional.of(CostEvent.actual(lead.getLeadId(), lead.getSource(), named == null ? table : named,
                lead.getClayActionsUsed(), lead.getClayDataCreditsUsed(), lead.getEnrichedAt().toEpochMilli()));
    }
}
