package io.clayflow.connect.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clayflow.schemas.EnrichedLead;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContactMapperTest {

    @Test
    void theDefaultMappingFillsHubSpotsStandardPropertiesAndTheLeadIdProperty() {
        ContactInput input = TestLeads.input(7);

        assertThat(input.email()).isEqualTo("person7@acme.com");
        assertThat(input.properties()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "email", "person7@acme.com", "firstname", "Person", "lastname", "Number7", "company", "Acme",
                "jobtitle", "VP Sales", "website", "acme.com", "country", "US", "industry", "Software",
                "clayflow_lead_id", "lead-7"));
    }

    static Stream<Arguments> emails() {
        return Stream.of(
                Arguments.of("email wins when present", TestLeads.lead(1).setEmail(" Ada@Acme.COM "), "ada@acme.com"),
                Arguments.of("work_email when email is absent", TestLeads.lead(1).setEmail(null), "p1@acme.com"),
                Arguments.of("work_email when email is blank", TestLeads.lead(1).setEmail("  "), "p1@acme.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emails")
    void theUpsertKeyIsTheFirstEmailFieldWithAValueLowerCased(String name, EnrichedLead.Builder lead, String email) {
        ContactInput input = TestLeads.DEFAULT_MAPPER.map(TestLeads.record(1), lead.build());

        assertThat(input.email()).isEqualTo(email);
        assertThat(input.properties()).containsEntry("email", email);
    }

    @Test
    void aLeadWithoutAnyEmailCannotBeUpsertedAndSaysWhy() {
        EnrichedLead lead = TestLeads.lead(3).setEmail(null).setWorkEmail(null).build();

        assertThatThrownBy(() -> TestLeads.DEFAULT_MAPPER.map(TestLeads.record(3), lead))
                .isInstanceOf(ContactMapper.UnmappableLeadException.class)
                .hasMessageContaining("lead-3").hasMessageContaining("email or work_email")
                .hasMessageContaining("upserts contacts by email");
    }

    @Test
    void absentValuesAreLeftOutSoHubSpotKeepsItsOwn() {
        ContactInput input = TestLeads.DEFAULT_MAPPER.map(TestLeads.record(1),
                TestLeads.lead(1).setTitle(null).setPhone(null).setCountry("").build());

        assertThat(input.properties()).doesNotContainKeys("jobtitle", "phone", "country");
    }

    @Test
    void enrichmentEntriesAttributesAndNumbersCanBeMappedAndTheLeadIdPropertyLeftOut() {
        ContactMapper mapper = new ContactMapper(FieldMapping.parse(List.of("enrichment.employee_count:numemployees",
                "icp_score:clayflow_icp_score", "attributes.utm_campaign:utm", "occurred_at:clayflow_occurred_at")),
                Optional.empty(), List.of("email"));

        ContactInput input = mapper.map(TestLeads.record(1), TestLeads.lead(1)
                .setAttributes(java.util.Map.of("utm_campaign", "spring")).build());

        assertThat(input.properties()).containsEntry("numemployees", "250").containsEntry("clayflow_icp_score", "91")
                .containsEntry("utm", "spring").containsEntry("clayflow_occurred_at", "1795773600000")
                .doesNotContainKey("clayflow_lead_id");
    }
}
