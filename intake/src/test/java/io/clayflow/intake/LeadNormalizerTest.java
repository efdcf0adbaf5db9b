package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.Lead;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The canonical form of a lead, case by case. */
class LeadNormalizerTest {

    private static final LeadNormalizer DEFAULTS = LeadNormalizer.defaults();
    private static final LeadNormalizer REWRITING = new LeadNormalizer(List.of(DedupeKey.Kind.values()), true,
            Set.copyOf(LeadNormalizer.DEFAULT_FREE_EMAIL_DOMAINS));

    static Stream<Arguments> cases() {
        return Stream.of(
                // email
                field("email is trimmed and lowercased", l -> l.setEmail("  Jane.Doe@ACME.com\t"), Lead::getEmail,
                        "jane.doe@acme.com"),
                field("gmail dots and +tag are kept when rewriting is off", l -> l.setEmail("Jane.Doe+crm@gmail.com"),
                        Lead::getEmail, "jane.doe+crm@gmail.com"),
                field("blank email becomes absent", l -> l.setEmail("   "), Lead::getEmail, null),
                // names and free text
                field("first name is trimmed", l -> l.setFirstName("  Jane "), Lead::getFirstName, "Jane"),
                field("inner whitespace of a name collapses to one space", l -> l.setFirstName("Mary \t  Ann"),
                        Lead::getFirstName, "Mary Ann"),
                field("no-break spaces and newlines collapse too", l -> l.setLastName("van\u00a0der\nBerg"),
                        Lead::getLastName, "van der Berg"),
                field("a name keeps its case", l -> l.setLastName("McDonald"), Lead::getLastName, "McDonald"),
                field("company name is collapsed", l -> l.setCompanyName("  Acme   Inc. "), Lead::getCompanyName,
                        "Acme Inc."),
                field("title is collapsed", l -> l.setTitle("VP   of  Sales"), Lead::getTitle, "VP of Sales"),
                field("blank title becomes absent", l -> l.setTitle("  "), Lead::getTitle, null),
                // company domain
                field("domain is lowercased", l -> l.setCompanyDomain("ACME.com"), Lead::getCompanyDomain,
                        "acme.com"),
                field("www. is stripped", l -> l.setCompanyDomain("www.acme.com"), Lead::getCompanyDomain,
                        "acme.com"),
                field("a URL is reduced to its host", l -> l.setCompanyDomain("https://WWW.Acme.com:443/about?x=1"),
                        Lead::getCompanyDomain, "acme.com"),
                field("a trailing dot is dropped", l -> l.setCompanyDomain("acme.com."), Lead::getCompanyDomain,
                        "acme.com"),
                field("a subdomain other than www is kept", l -> l.setCompanyDomain("eu.acme.com"),
                        Lead::getCompanyDomain, "eu.acme.com"),
                field("missing domain is derived from a work email",
                        l -> l.setCompanyDomain(null).setEmail("jane@Acme.io"), Lead::getCompanyDomain, "acme.io"),
                field("missing domain is not derived from a free-mail address",
                        l -> l.setCompanyDomain(null).setEmail("jane@gmail.com"), Lead::getCompanyDomain, null),
                field("a given domain wins over the email's",
                        l -> l.setCompanyDomain("acme.com").setEmail("jane@acme-mail.com"), Lead::getCompanyDomain,
                        "acme.com"),
                // LinkedIn
                field("LinkedIn URL gets https and www", l -> l.setLinkedinUrl("linkedin.com/in/jane-doe"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jane-doe"),
                field("LinkedIn trailing slash, query and fragment go",
                        l -> l.setLinkedinUrl("http://www.linkedin.com/in/jane-doe/?utm_source=share#about"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jane-doe"),
                field("LinkedIn country subdomain goes", l -> l.setLinkedinUrl("https://uk.linkedin.com/in/jane-doe"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jane-doe"),
                field("LinkedIn handle is lowercased", l -> l.setLinkedinUrl("https://www.LinkedIn.com/in/Jane-Doe"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jane-doe"),
                field("LinkedIn language segment goes", l -> l.setLinkedinUrl("https://www.linkedin.com/in/jane-doe/de"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jane-doe"),
                field("LinkedIn percent-encoded handle is decoded",
                        l -> l.setLinkedinUrl("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"),
                        Lead::getLinkedinUrl, "https://www.linkedin.com/in/jürgen-müller"),
                // other fields
                field("phone is trimmed", l -> l.setPhone(" +1 415 555 0100 "), Lead::getPhone, "+1 415 555 0100"),
                field("source is trimmed", l -> l.setSource(" web-form "), Lead::getSource, "web-form"),
                field("an incoming lead_id is replaced by the derived one", l -> l.setLeadId("upstream-id"),
                        Lead::getLeadId, new DedupeKey(DedupeKey.Kind.EMAIL, "jane.doe@acme.com").leadId()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void normalizes(String name, Lead lead, Function<Lead, String> field, String expected) {
        assertThat(field.apply(DEFAULTS.normalize(lead))).isEqualTo(expected);
    }

    static Stream<Arguments> rewriting() {
        return Stream.of(
                Arguments.of("gmail dots and +tag are dropped", "Jane.Doe+crm@gmail.com", "janedoe@gmail.com"),
                Arguments.of("googlemail.com is gmail.com", "jane.doe@googlemail.com", "janedoe@gmail.com"),
                Arguments.of("outlook +tag is dropped, dots kept", "jane.doe+x@outlook.com", "jane.doe@outlook.com"),
                Arguments.of("a company address is never rewritten", "jane.doe+x@acme.com", "jane.doe+x@acme.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rewriting")
    void rewritesProviderAddressesOnlyWhenConfigured(String name, String email, String expected) {
        Lead lead = TestLeads.withEmail(email).build();
        assertThat(REWRITING.normalize(lead).getEmail()).isEqualTo(expected);
        assertThat(DEFAULTS.normalize(lead).getEmail()).isEqualTo(email.toLowerCase(Locale.ROOT));
    }

    static Stream<Arguments> samePerson() {
        return Stream.of(
                Arguments.of("email differing in case and padding",
                        TestLeads.withEmail("Jane.Doe@Acme.com").build(),
                        TestLeads.withEmail("  jane.doe@acme.com ").setFirstName("J.").build()),
                Arguments.of("LinkedIn URL written two ways",
                        linkedinOnly("https://www.linkedin.com/in/Jane-Doe/"),
                        linkedinOnly("linkedin.com/in/jane-doe?trk=x")),
                Arguments.of("name and domain, spaced and cased differently",
                        nameAtDomain(" Jane ", "Doe", "www.Acme.com"),
                        nameAtDomain("jane", "  DOE ", "https://acme.com/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samePerson")
    void samePersonGetsTheSameLeadId(String name, Lead one, Lead other) {
        assertThat(DEFAULTS.normalize(one).getLeadId()).isEqualTo(DEFAULTS.normalize(other).getLeadId());
    }

    @Test
    void differentPeopleGetDifferentLeadIds() {
        assertThat(DEFAULTS.normalize(TestLeads.person(1)).getLeadId())
                .isNotEqualTo(DEFAULTS.normalize(TestLeads.person(2)).getLeadId());
    }

    @Test
    void dedupeKeyFollowsTheConfiguredOrder() {
        Lead jane = TestLeads.jane().build();
        LeadNormalizer linkedinFirst = new LeadNormalizer(List.of(DedupeKey.Kind.LINKEDIN, DedupeKey.Kind.NAME_DOMAIN,
                DedupeKey.Kind.EMAIL), false, Set.of());
        LeadNormalizer nameFirst = new LeadNormalizer(List.of(DedupeKey.Kind.NAME_DOMAIN, DedupeKey.Kind.EMAIL,
                DedupeKey.Kind.LINKEDIN), false, Set.of());

        assertThat(DEFAULTS.dedupeKey(DEFAULTS.normalize(jane)).asString()).isEqualTo("email:jane.doe@acme.com");
        assertThat(linkedinFirst.dedupeKey(linkedinFirst.normalize(jane)).asString())
                .isEqualTo("linkedin:https://www.linkedin.com/in/jane-doe");
        assertThat(nameFirst.dedupeKey(nameFirst.normalize(jane)).asString()).isEqualTo("name_domain:jane|doe|acme.com");
    }

    @Test
    void leadIdIsAVersion5UuidOfTheDedupeKeyAnyoneCanRecompute() {
        // python3: uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "urn:clayflow:lead"), "email:jane@acme.com")
        assertThat(DedupeKey.LEAD_NAMESPACE.toString()).isEqualTo("0e070016-7464-5ced-bf64-202afad1f3cf");
        assertThat(new DedupeKey(DedupeKey.Kind.EMAIL, "jane@acme.com").leadId())
                .isEqualTo("971873b0-e508-576f-9c57-b8c7233728cd");
    }

    private static Arguments field(String name, UnaryOperator<Lead.Builder> change, Function<Lead, String> field,
                                   String expected) {
        return Arguments.of(name, change.apply(TestLeads.jane()).build(), field, expected);
    }

    private static Lead linkedinOnly(String url) {
        return Lead.newBuilder().setSource("csv").setOccurredAt(TestLeads.OCCURRED_AT).setLinkedinUrl(url).build();
    }

    private static Lead nameAtDomain(String first, String last, String domain) {
        return Lead.newBuilder().setSource("csv").setOccurredAt(TestLeads.OCCURRED_AT).setFirstName(first)
                .setLastName(last).setCompanyDomain(domain).build();
    }
}
