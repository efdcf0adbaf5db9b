package io.clayflow.connect.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clayflow.schemas.EnrichedLead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProspectMappingTest {

    private static final ProspectMapping DEFAULT = ProspectMapping.parse(List.of("email", "work_email"),
            List.of(OutreachSinkConfig.DEFAULT_MAPPING.split(",")));

    static EnrichedLead.Builder lead() {
        return EnrichedLead.newBuilder().setLeadId("l-1").setEmail("Ann.Lee@Acme.com").setFirstName("Ann")
                .setLastName("Lee").setTitle("VP Sales").setCompanyName("Acme").setIndustry("Software")
                .setCountry("US").setLinkedinUrl("https://linkedin.com/in/annlee").setPhone("+14155550100")
                .setSource("test").setOccurredAt(Instant.EPOCH).setEnrichedAt(Instant.EPOCH)
                .setWorkEmail("ann@acme.com").setIcpScore(91).setEnrichment(Map.of("employee_count", "250"));
    }

    @Test
    void theDefaultMappingFillsOutreachsProspectAttributes() {
        ObjectNode attributes = DEFAULT.attributes(lead().build());

        assertThat(attributes.toString()).isEqualTo("{\"firstName\":\"Ann\",\"lastName\":\"Lee\",\"title\":\"VP Sales\","
                + "\"company\":\"Acme\",\"companyIndustry\":\"Software\",\"addressCountry\":\"US\","
                + "\"linkedInUrl\":\"https://linkedin.com/in/annlee\",\"workPhones\":[\"+14155550100\"]}");
    }

    @Test
    void unsetFieldsAreLeftOutSoOutreachKeepsWhatItHas() {
        ObjectNode attributes = DEFAULT.attributes(lead().setTitle(null).setPhone(" ").setCountry(null).build());

        assertThat(attributes.has("title")).isFalse();
        assertThat(attributes.has("workPhones")).isFalse();
        assertThat(attributes.has("addressCountry")).isFalse();
        assertThat(attributes.get("firstName").asText()).isEqualTo("Ann");
    }

    @Test
    void mapEntriesAndNumbersCanBeMapped() {
        ProspectMapping mapping = ProspectMapping.parse(List.of("email"),
                List.of("custom1=lead_id", "custom2=icp_score", "companySize=enrichment.employee_count", "tags=seniority"));

        ObjectNode attributes = mapping.attributes(lead().setSeniority("vp").build());

        assertThat(attributes.toString()).isEqualTo(
                "{\"custom1\":\"l-1\",\"custom2\":\"91\",\"companySize\":\"250\",\"tags\":[\"vp\"]}");
    }

    static Stream<Arguments> emails() {
        return Stream.of(
                Arguments.of("email first, trimmed and lower-cased", lead().setEmail(" Ann.Lee@Acme.com ").build(),
                        "ann.lee@acme.com"),
                Arguments.of("work_email when email is absent", lead().setEmail(null).build(), "ann@acme.com"),
                Arguments.of("work_email when email is blank", lead().setEmail("  ").build(), "ann@acme.com"),
                Arguments.of("none", lead().setEmail(null).setWorkEmail(null).build(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emails")
    void theEmailIsTheFirstConfiguredFieldThatIsSet(String what, EnrichedLead lead, String expected) {
        assertThat(DEFAULT.email(lead).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> badMappings() {
        return Stream.of(
                Arguments.of("no equals sign", List.of("firstName"), OutreachSinkConfig.FIELD_MAPPING),
                Arguments.of("an unknown lead field", List.of("firstName=given_name"), OutreachSinkConfig.FIELD_MAPPING),
                Arguments.of("an attribute that is not a name", List.of("First Name=first_name"),
                        OutreachSinkConfig.FIELD_MAPPING),
                Arguments.of("emails mapped by hand", List.of("emails=email"), OutreachSinkConfig.FIELD_MAPPING),
                Arguments.of("an attribute mapped twice", List.of("title=title", "title=seniority"),
                        OutreachSinkConfig.FIELD_MAPPING),
                Arguments.of("an enrichment entry without a name", List.of("custom1=enrichment."),
                        OutreachSinkConfig.FIELD_MAPPING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMappings")
    void aBadMappingFailsNamingTheKey(String what, List<String> mapping, String key) {
        assertThatThrownBy(() -> ProspectMapping.parse(List.of("email"), mapping))
                .isInstanceOf(ConfigException.class).hasMessageContaining(key);
    }

    @Test
    void emailFieldsMustBeTextFieldsOfTheLead() {
        assertThatThrownBy(() -> ProspectMapping.parse(List.of("icp_score"), List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(OutreachSinkConfig.EMAIL_FIELDS)
                .hasMessageContaining("icp_score");
    }
}
