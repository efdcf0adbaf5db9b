package io.clayflow.routing;

import static io.clayflow.routing.Route.CRM;
import static io.clayflow.routing.Route.NURTURE;
import static io.clayflow.routing.Route.OUTREACH;
import static io.clayflow.routing.Route.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rule file a user wrote: enrichment entries, lists, presence, continuation lines, comments, no warehouse rule. */
class CustomRulesTopologyTest {

    static final String RULES = """
            # Enterprise deals in North America go to the CRM when Clay found their funding.
            crm: country in ["US", "CA"]
                 && has(enrichment.funding_stage)
                 && enrichment.funding_stage in ["Series B", "Series C", "Public"]

            # Senior people at bigger companies get a sequence; employees is a Clay column, as text.
            outreach: seniority in ["c-level", "vp"] && has(enrichment.employees)
                      && int(enrichment.employees) >= 100   // a failing int() is a dead letter

            # Anyone Clay knows nothing about: nurture until it does.
            nurture: !has(enrichment.funding_stage) || industry == null
            """;

    @TempDir
    Path dir;

    private RoutingDriver routing;

    @BeforeEach
    void start() {
        routing = RoutingDriver.withRules(dir, RULES);
    }

    @AfterEach
    void stop() {
        routing.close();
    }

    static Stream<Arguments> leads() {
        return Stream.of(
                Arguments.of("US, Series B, VP at 120 people", leadWith(lead -> lead), EnumSet.of(CRM, OUTREACH)),
                Arguments.of("Canada is in the list", leadWith(lead -> lead.setCountry("CA")), EnumSet.of(CRM, OUTREACH)),
                Arguments.of("Germany is not in the list", leadWith(lead -> lead.setCountry("DE")), EnumSet.of(OUTREACH)),
                Arguments.of("no country (null is in no list)", leadWith(lead -> lead.setCountry(null)),
                        EnumSet.of(OUTREACH)),
                Arguments.of("seed stage is not in the list", leadWith(lead -> lead.setEnrichment(
                        enrichment("funding_stage", "Seed", "employees", "500"))), EnumSet.of(OUTREACH)),
                Arguments.of("no funding stage: nurture", leadWith(lead -> lead.setEnrichment(
                        enrichment("employees", "500"))), EnumSet.of(OUTREACH, NURTURE)),
                Arguments.of("99 employees is too few", leadWith(lead -> lead.setEnrichment(
                        enrichment("funding_stage", "Public", "employees", "99"))), EnumSet.of(CRM)),
                Arguments.of("a manager is not senior enough", leadWith(lead -> lead.setSeniority("manager")),
                        EnumSet.of(CRM)),
                Arguments.of("no industry: nurture as well", leadWith(lead -> lead.setIndustry(null)),
                        EnumSet.of(CRM, OUTREACH, NURTURE)),
                Arguments.of("empty enrichment", leadWith(lead -> lead.setEnrichment(Map.of()).setSeniority("manager")),
                        EnumSet.of(NURTURE)));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("leads")
    void leadGoesToTheRoutesTheFileSelects(String what, EnrichedLead lead, Set<Route> expected) {
        routing.send(lead);

        for (Route route : Route.values()) {
            assertThat(routing.idsOn(route)).as(route.topic())
                    .containsExactlyElementsOf(expected.contains(route) ? java.util.List.of("lead-1") : java.util.List.of());
        }
        assertThat(routing.dlq.isEmpty()).isTrue();
    }

    @Test
    void aRouteWithoutARuleReceivesNothingAndALeadNoRuleSelectsIsCounted() {
        routing.send(leadWith(lead -> lead.setCountry("FR").setSeniority("manager")));

        assertThat(routing.routes.get(WAREHOUSE).isEmpty()).isTrue();
        assertThat(routing.routes.get(CRM).isEmpty()).isTrue();
        assertThat(routing.metric("unmatched-total")).isEqualTo(1.0);
        assertThat(routing.metric("unrouted-total")).as("not even the warehouse: unmatched, not unrouted").isZero();
    }

    @Test
    void aRuleThatFailsForALeadDeadLettersItWholeAndTheNextLeadStillFlows() {
        // outreach's int() cannot read "about 200": the lead goes to no route at all, not to crm only.
        EnrichedLead bad = leadWith(lead -> lead.setEnrichment(
                enrichment("funding_stage", "Public", "employees", "about 200")));
        byte[] badBytes = routing.bytesOf(bad);

        routing.send(bad);
        routing.send(leadWith(lead -> lead.setLeadId("lead-2")));

        TestRecord<byte[], byte[]> deadLetter = routing.dlq.readRecord();
        assertThat(deadLetter.value()).isEqualTo(badBytes);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.STAGE))
                .isEqualTo(Stage.ROUTING_ROUTE.wireName());
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo(RoutingProcessor.RULE_FAILED);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_CLASS_NAME))
                .isEqualTo(RuleEvaluationException.class.getName());
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("outreach").contains("line 7").contains("about 200");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_ENRICHED);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(routing.dlq.isEmpty()).isTrue();

        assertThat(routing.idsOn(CRM)).containsExactly("lead-2");
        assertThat(routing.idsOn(OUTREACH)).containsExactly("lead-2");
        assertThat(routing.metric("dead-lettered-total")).isEqualTo(1.0);
    }

    @Test
    void aMissingMapEntryReadWithoutHasIsADeadLetterNamingTheKey(@TempDir Path other) {
        routing.close();
        routing = RoutingDriver.withRules(other, "crm: enrichment.funding_stage == \"Public\"\nwarehouse: true\n");

        routing.send(leadWith(lead -> lead.setEnrichment(Map.of())));

        TestRecord<byte[], byte[]> deadLetter = routing.dlq.readRecord();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
                .contains("crm").contains("line 1").contains("funding_stage");
        assertThat(routing.routes.get(WAREHOUSE).isEmpty()).isTrue();
    }

    @Test
    void timestampsAndStringFunctionsAreAvailable(@TempDir Path other) {
        routing.close();
        routing = RoutingDriver.withRules(other, """
                crm: enriched_at - occurred_at < duration("1h") && work_email.endsWith("@acme.com")
                outreach: attributes.utm_source == "newsletter" && icp_score >= 79.5
                """);

        routing.send(EnrichedLeads.lead("lead-1", 80).build());

        assertThat(routing.idsOn(CRM)).containsExactly("lead-1");
        assertThat(routing.idsOn(OUTREACH)).containsExactly("lead-1");
    }

    private static EnrichedLead leadWith(UnaryOperator<EnrichedLead.Builder> change) {
        return change.apply(EnrichedLeads.lead("lead-1", 70)).build();
    }

    private static Map<String, String> enrichment(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
