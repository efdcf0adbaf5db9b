package io.clayflow.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.cli.CliException;
import io.clayflow.fakes.hubspot.HubSpotConfig;
import io.clayflow.fakes.hubspot.HubSpotContact;
import io.clayflow.fakes.hubspot.HubSpotSimulator;
import io.clayflow.schemas.Lead;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code demo --crm}'s people become contacts in the HubSpot fake, over loopback HTTP. */
class CrmDemoTest {

    @Test
    void theDemosUniquePeopleBecomeContactsWithTheirProperties() {
        List<Lead> people = new DemoLeadGenerator("demo", Instant.parse("2026-12-03T08:00:00Z"))
                .generate(20, 0, 0, 42).stream().map(DemoLeadGenerator.DemoLead::lead).toList();
        try (HubSpotSimulator hubspot = HubSpotSimulator.start(HubSpotConfig.builder().port(0).build())) {
            int created = new CrmDemo(hubspot.baseUrl() + "/").create(people);

            assertThat(created).isEqualTo(20);
            assertThat(hubspot.contacts()).hasSize(20);
            Lead first = people.get(0);
            HubSpotContact contact = hubspot.contacts().get(0);
            assertThat(contact.property("lastname")).isEqualTo(first.getLastName());
            assertThat(contact.property("company")).isEqualTo(first.getCompanyName());
        }
    }

    @Test
    void noFakeListeningSaysSo() {
        assertThatThrownBy(() -> new CrmDemo("http://127.0.0.1:1").create(List.of(Lead.newBuilder().setSource("demo")
                .setEmail("a@acme.com").setOccurredAt(Instant.EPOCH).build())))
                .isInstanceOf(CliException.class).hasMessageContaining("clayflow up");
    }
}
