package io.clayflow.routing;

import io.clayflow.schemas.EnrichedLead;
import java.time.Instant;
import java.util.Map;

/** Enriched leads for routing tests: a complete one to start from, and the fields rules look at. */
final class EnrichedLeads {

    static final Instant OCCURRED_AT = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant ENRICHED_AT = Instant.parse("2026-03-01T12:05:00Z");

    private EnrichedLeads() {
    }

    /** A complete lead as Clay calls it back, with the given id and ICP score and a work email. */
    static EnrichedLead.Builder lead(String leadId, Integer icpScore) {
        return EnrichedLead.newBuilder()
                .setLeadId(leadId)
                .setEmail("jane.doe@acme.com")
                .setFirstName("Jane")
                .setLastName("Doe")
                .setCompanyName("Acme Inc.")
                .setCompanyDomain("acme.com")
                .setTitle("VP Sales")
                .setSource("web-form")
                .setOccurredAt(OCCURRED_AT)
                .setAttributes(Map.of("utm_source", "newsletter"))
                .setWorkEmail("jane@acme.com")
                .setSeniority("vp")
                .setCompanySize("51-200")
                .setIndustry("Software")
                .setCountry("US")
                .setIcpScore(icpScore)
                .setEnrichment(Map.of("funding_stage", "Series B", "employees", "120"))
                .setEnrichedAt(ENRICHED_AT);
    }
}
