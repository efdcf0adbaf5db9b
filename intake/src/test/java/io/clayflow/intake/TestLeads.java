package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.Map;

/** Leads for tests: a complete, valid one to start from, and small variations of it. */
final class TestLeads {

    static final Instant OCCURRED_AT = Instant.parse("2026-03-01T12:00:00Z");

    private TestLeads() {
    }

    /** A complete, valid lead as a web form would send it. */
    static Lead.Builder jane() {
        return Lead.newBuilder()
                .setEmail("jane.doe@acme.com")
                .setFirstName("Jane")
                .setLastName("Doe")
                .setCompanyName("Acme Inc.")
                .setCompanyDomain("acme.com")
                .setTitle("VP Sales")
                .setLinkedinUrl("https://www.linkedin.com/in/jane-doe")
                .setPhone("+14155550100")
                .setSource("web-form")
                .setSourceId("form-1")
                .setOccurredAt(OCCURRED_AT)
                .setAttributes(Map.of("utm_source", "newsletter"));
    }

    /** A lead with only a source, an occurrence time and an email: the minimum with an identity. */
    static Lead.Builder withEmail(String email) {
        return Lead.newBuilder().setEmail(email).setSource("web-form").setOccurredAt(OCCURRED_AT);
    }

    /** The n-th distinct person, identified by email. */
    static Lead person(int n) {
        return withEmail("person" + n + "@acme.com").setFirstName("Person").setLastName(Integer.toString(n)).build();
    }
}
