package io.clayflow.schemas.it;

import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.Map;

/** Leads for the tests, every field set so that a lost field shows. */
final class TestLeads {

    private TestLeads() {
    }

    static Lead ada() {
        return Lead.newBuilder()
                .setLeadId("lead-ada")
                .setEmail("ada@acme.com")
                .setFirstName("Ada")
                .setLastName("Lovelace")
                .setCompanyName("Acme Analytical Engines")
                .setCompanyDomain("acme.com")
                .setTitle("VP Engineering")
                .setLinkedinUrl("https://www.linkedin.com/in/ada")
                .setPhone("+44 20 7946 0000")
                .setSource("web-form")
                .setSourceId("form-42")
                .setOccurredAt(Instant.parse("2026-11-27T09:15:30.123Z"))
                .setAttributes(Map.of("utm_campaign", "launch", "plan", "enterprise"))
                .build();
    }

    static Map<String, Object> serdeConfig(String registryUrl, Map<String, Object> extra) {
        java.util.HashMap<String, Object> config = new java.util.HashMap<>();
        config.put("schema.registry.url", registryUrl);
        config.put("retries.wait.ms", 100);
        config.putAll(extra);
        return config;
    }
}
