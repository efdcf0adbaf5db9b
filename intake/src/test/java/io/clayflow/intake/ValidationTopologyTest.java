package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.streams.DeadLetter;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule, through the topology: a lead that breaks it lands in leads.dlq naming it; a valid one flows. */
class ValidationTopologyTest {

    private IntakeDriver intake;

    @BeforeEach
    void start() {
        intake = IntakeDriver.start();
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    static Stream<Arguments> invalidLeads() {
        Stream<Arguments> rules = Stream.of(
                Arguments.of(LeadValidator.IDENTITY_MISSING, "no email, no LinkedIn, no name",
                        Lead.newBuilder(TestLeads.jane().build()).setEmail(null).setLinkedinUrl(null)
                                .setFirstName(null).build()),
                Arguments.of(LeadValidator.IDENTITY_MISSING, "a name without a company domain",
                        Lead.newBuilder(TestLeads.jane().build()).setEmail(null).setLinkedinUrl(null)
                                .setCompanyDomain(null).build()),
                Arguments.of(LeadValidator.IDENTITY_MISSING, "a blank email and nothing else",
                        TestLeads.withEmail("   ").build()),
                Arguments.of(LeadValidator.EMAIL_SYNTAX, "an email without @",
                        TestLeads.jane().setEmail("jane.acme.com").build()),
                Arguments.of(LeadValidator.EMAIL_SYNTAX, "an email with two @",
                        TestLeads.jane().setEmail("jane@doe@acme.com").build()),
                Arguments.of(LeadValidator.EMAIL_SYNTAX, "an email without a TLD",
                        TestLeads.jane().setEmail("jane@localhost").build()),
                Arguments.of(LeadValidator.EMAIL_SYNTAX, "an email with a space",
                        TestLeads.jane().setEmail("jane doe@acme.com").build()),
                Arguments.of(LeadValidator.EMAIL_SYNTAX, "an email with consecutive dots",
                        TestLeads.jane().setEmail("jane..doe@acme.com").build()),
                Arguments.of(LeadValidator.LINKEDIN_URL_SYNTAX, "a company page, not a profile",
                        TestLeads.jane().setLinkedinUrl("https://www.linkedin.com/company/acme").build()),
                Arguments.of(LeadValidator.LINKEDIN_URL_SYNTAX, "another site",
                        TestLeads.jane().setLinkedinUrl("https://www.notlinkedin.com/in/jane-doe").build()),
                Arguments.of(LeadValidator.LINKEDIN_URL_SYNTAX, "a bare handle",
                        TestLeads.jane().setLinkedinUrl("jane-doe").build()),
                Arguments.of(LeadValidator.COMPANY_DOMAIN_SYNTAX, "a single label",
                        TestLeads.jane().setCompanyDomain("acme").build()),
                Arguments.of(LeadValidator.COMPANY_DOMAIN_SYNTAX, "a company name, not a domain",
                        TestLeads.jane().setCompanyDomain("Acme Inc").build()),
                Arguments.of(LeadValidator.COMPANY_DOMAIN_SYNTAX, "an ftp URL",
                        TestLeads.jane().setCompanyDomain("ftp://acme.com").build()),
                Arguments.of(LeadValidator.SOURCE_MISSING, "a blank source",
                        TestLeads.jane().setSource("  ").build()),
                Arguments.of(LeadValidator.ATTRIBUTES_TOO_MANY, "101 attributes",
                        TestLeads.jane().setAttributes(attributes(101, 5)).build()),
                Arguments.of(LeadValidator.ATTRIBUTES_TOO_LONG, "a 2,001-character attribute value",
                        TestLeads.jane().setAttributes(attributes(1, 2_001)).build()));
        Stream<Arguments> lengths = Arrays.stream(LeadField.values()).map(field -> Arguments.of(
                LeadValidator.tooLong(field), field.fieldName() + " one character over its limit",
                withTooLong(field)));
        return Stream.concat(rules, lengths);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidLeads")
    void leadBreakingARuleIsDeadLetteredNamingIt(String rule, String what, Lead lead) {
        byte[] original = intake.bytesOf(lead);
        intake.send(lead);

        List<TestRecord<byte[], byte[]>> deadLetters = intake.dlq.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(original);
        assertThat(DeadLetter.header(deadLetters.get(0).headers(), DeadLetterHeaders.STAGE)).isEqualTo("intake.validate");
        assertThat(DeadLetter.header(deadLetters.get(0).headers(), DeadLetterHeaders.REASON)).isEqualTo(rule);
        intake.advanceWallClock(Duration.ofSeconds(1), 1);
        assertThat(intake.outbox.isEmpty()).isTrue();
    }

    static Stream<Arguments> validLeads() {
        return Stream.of(
                Arguments.of("complete", TestLeads.jane().build()),
                Arguments.of("email only", TestLeads.withEmail("jane@acme.com").build()),
                Arguments.of("email with plus tag and subdomain", TestLeads.withEmail("jane+crm@mail.acme.co.uk").build()),
                Arguments.of("email with padding and capitals", TestLeads.withEmail("  Jane.Doe@ACME.com ").build()),
                Arguments.of("internationalised domain", TestLeads.withEmail("jürgen@müller.de").build()),
                Arguments.of("LinkedIn only", Lead.newBuilder().setSource("csv").setOccurredAt(TestLeads.OCCURRED_AT)
                        .setLinkedinUrl("linkedin.com/in/jane-doe/").build()),
                Arguments.of("name and domain given as a URL", Lead.newBuilder().setSource("csv")
                        .setOccurredAt(TestLeads.OCCURRED_AT).setFirstName("Jane").setLastName("Doe")
                        .setCompanyDomain("https://www.acme.com/about").build()),
                Arguments.of("fields exactly at their limits", atLimits()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validLeads")
    void validLeadFlowsToTheOutbox(String what, Lead lead) {
        intake.send(lead);
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.dlq.isEmpty()).isTrue();
        assertThat(intake.outbox.readValuesToList()).hasSize(1);
    }

    private static Lead withTooLong(LeadField field) {
        int max = IntakeConfig.DEFAULT_MAX_LENGTHS.get(field);
        String tooLong = "a".repeat(max + 1);
        Lead.Builder lead = TestLeads.jane();
        switch (field) {
            case EMAIL -> lead.setEmail("a".repeat(max - 8) + "@acme.com");
            case FIRST_NAME -> lead.setFirstName(tooLong);
            case LAST_NAME -> lead.setLastName(tooLong);
            case COMPANY_NAME -> lead.setCompanyName(tooLong);
            case COMPANY_DOMAIN -> lead.setCompanyDomain("a".repeat(max - 3) + ".com");
            case TITLE -> lead.setTitle(tooLong);
            case LINKEDIN_URL -> lead.setLinkedinUrl("https://www.linkedin.com/in/" + "a".repeat(max - 27));
            case PHONE -> lead.setPhone("1".repeat(max + 1));
            case SOURCE -> lead.setSource(tooLong);
            case SOURCE_ID -> lead.setSourceId(tooLong);
            default -> throw new IllegalArgumentException(field.name());
        }
        Lead built = lead.build();
        assertThat(field.valueOf(built)).hasSize(max + 1);
        return built;
    }

    private static Lead atLimits() {
        Map<LeadField, Integer> max = IntakeConfig.DEFAULT_MAX_LENGTHS;
        return TestLeads.jane()
                .setFirstName("a".repeat(max.get(LeadField.FIRST_NAME)))
                .setLastName("b".repeat(max.get(LeadField.LAST_NAME)))
                .setTitle("t".repeat(max.get(LeadField.TITLE)))
                .setSource("s".repeat(max.get(LeadField.SOURCE)))
                .build();
    }

    private static Map<String, String> attributes(int count, int valueLength) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            attributes.put("key" + i, "v".repeat(valueLength));
        }
        return attributes;
    }
}
