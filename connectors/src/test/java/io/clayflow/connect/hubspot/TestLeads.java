package io.clayflow.connect.hubspot;

import io.clayflow.schemas.EnrichedLead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/** Routed leads, records and contact inputs for the tests. */
final class TestLeads {

    static final ContactMapper DEFAULT_MAPPER = new ContactMapper(
            FieldMapping.parse(List.of(HubSpotSinkConfig.DEFAULT_MAPPING.split(","))), Optional.of("clayflow_lead_id"),
            List.of("email", "work_email"));

    private TestLeads() {
    }

    static EnrichedLead.Builder lead(int n) {
        return EnrichedLead.newBuilder()
                .setLeadId("lead-" + n)
                .setEmail("person" + n + "@acme.com")
                .setFirstName("Person")
                .setLastName("Number" + n)
                .setCompanyName("Acme")
                .setCompanyDomain("acme.com")
                .setTitle("VP Sales")
                .setSource("test")
                .setOccurredAt(Instant.parse("2026-11-27T10:00:00Z"))
                .setWorkEmail("p" + n + "@acme.com")
                .setCountry("US")
                .setIndustry("Software")
                .setIcpScore(91)
                .setEnrichment(Map.of("employee_count", "250"))
                .setEnrichedAt(Instant.parse("2026-11-27T10:05:00Z"));
    }

    static SinkRecord record(int offset) {
        return new SinkRecord("leads.route.crm", 0, null, "lead-" + offset, null, new byte[0], offset);
    }

    static ContactInput input(int n) {
        return DEFAULT_MAPPER.map(record(n), lead(n).build());
    }
}
