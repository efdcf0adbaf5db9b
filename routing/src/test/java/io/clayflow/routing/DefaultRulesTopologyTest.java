package io.clayflow.routing;

import static io.clayflow.routing.Route.CRM;
import static io.clayflow.routing.Route.NURTURE;
import static io.clayflow.routing.Route.OUTREACH;
import static io.clayflow.routing.Route.WAREHOUSE;
import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.registry.SchemaRegistryClient;
import io.clayflow.schemas.serde.WireFormat;
import io.clayflow.streams.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped rules, the design note's routing: icp_score ≥ 80 with a work email → crm and outreach; else
 * icp_score ≥ 50 → nurture (a hot lead without a work email included); every lead → warehouse. One case per branch and
 * boundary; a lead that reaches only the warehouse is counted as unrouted and says so in its route header.
 */
class DefaultRulesTopologyTest {

    private RoutingDriver routing;

    @BeforeEach
    void start() {
        routing = RoutingDriver.withDefaultRules();
    }

    @AfterEach
    void stop() {
        routing.close();
    }

    static Stream<Arguments> leads() {
        return Stream.of(
                Arguments.of("score 100 with a work email", 100, "jane@acme.com", EnumSet.of(CRM, OUTREACH, WAREHOUSE)),
                Arguments.of("score 80 (lowest hot) with a work email", 80, "jane@acme.com",
                        EnumSet.of(CRM, OUTREACH, WAREHOUSE)),
                Arguments.of("score 79 (highest warm)", 79, "jane@acme.com", EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("score 50 (lowest warm)", 50, "jane@acme.com", EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("score 49 (highest cold)", 49, "jane@acme.com", EnumSet.of(WAREHOUSE)),
                Arguments.of("score 0", 0, "jane@acme.com", EnumSet.of(WAREHOUSE)),
                Arguments.of("no score", null, "jane@acme.com", EnumSet.of(WAREHOUSE)),
                Arguments.of("score 95 without a work email", 95, null, EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("score 95 with an empty work email", 95, "", EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("score 80 without a work email", 80, null, EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("score 49 without a work email", 49, null, EnumSet.of(WAREHOUSE)),
                Arguments.of("score 60 without a work email", 60, null, EnumSet.of(NURTURE, WAREHOUSE)),
                Arguments.of("no score and no work email", null, null, EnumSet.of(WAREHOUSE)));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("leads")
    void leadGoesToExactlyTheRoutesItsScoreAndWorkEmailSelect(String what, Integer score, String workEmail,
                                                              Set<Route> expected) {
        EnrichedLead lead = EnrichedLeads.lead("lead-1", score).setWorkEmail(workEmail).build();

        routing.send(lead);

        for (Route route : Route.values()) {
            List<TestRecord<String, EnrichedLead>> records = routing.routes.get(route).readRecordsToList();
            if (expected.contains(route)) {
                assertThat(records).as(route.topic()).singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("lead-1");
                    assertThat(record.value()).isEqualTo(lead);
                });
            } else {
                assertThat(records).as(route.topic()).isEmpty();
            }
        }
        assertThat(routing.dlq.isEmpty()).isTrue();
    }

    /** Issue 12 point 5's cases, as its "Done when" names them. */
    @Test
    void noWarmOrHotLeadFallsThroughAndTheColdOneIsCountedAsUnrouted() {
        routing.send(EnrichedLeads.lead("hot-no-work-email", 85).setWorkEmail(null).build());
        routing.send(EnrichedLeads.lead("hot", 85).build());
        routing.send(EnrichedLeads.lead("warm", 60).build());
        routing.send(EnrichedLeads.lead("cold", 40).build());

        Map<Route, List<TestRecord<String, EnrichedLead>>> out = new java.util.EnumMap<>(Route.class);
        for (Route route : Route.values()) {
            out.put(route, routing.routes.get(route).readRecordsToList());
        }
        assertThat(out.get(CRM)).extracting(TestRecord::key).containsExactly("hot");
        assertThat(out.get(OUTREACH)).extracting(TestRecord::key).containsExactly("hot");
        assertThat(out.get(NURTURE)).extracting(TestRecord::key).containsExactly("hot-no-work-email", "warm");
        assertThat(out.get(WAREHOUSE)).extracting(TestRecord::key)
                .containsExactly("hot-no-work-email", "hot", "warm", "cold");
        assertThat(routing.metric("unrouted-total")).isEqualTo(1.0);
        assertThat(routing.metric("unmatched-total")).isZero();
        // Each copy names every route its lead went to; only the cold lead's says the warehouse alone.
        assertThat(out.get(WAREHOUSE)).extracting(r -> DeadLetter.header(r.headers(), RouteHeaders.ROUTES))
                .containsExactly("nurture,warehouse", "crm,outreach,warehouse", "nurture,warehouse",
                        RouteHeaders.WAREHOUSE_ONLY);
        assertThat(DeadLetter.header(out.get(CRM).get(0).headers(), RouteHeaders.ROUTES))
                .isEqualTo("crm,outreach,warehouse");
    }

    @Test
    void aRouteHeaderOnTheInputIsReplacedNotRepeated() {
        Headers stale = new RecordHeaders().add(RouteHeaders.ROUTES, "crm".getBytes(StandardCharsets.UTF_8));

        routing.enriched.pipeInput(new TestRecord<>("lead-3", EnrichedLeads.lead("lead-3", 10).build(), stale,
                (Long) null));

        Headers headers = routing.routes.get(WAREHOUSE).readRecord().headers();
        assertThat(headers.headers(RouteHeaders.ROUTES)).hasSize(1);
        assertThat(DeadLetter.header(headers, RouteHeaders.ROUTES)).isEqualTo(RouteHeaders.WAREHOUSE_ONLY);
    }

    @Test
    void everyLeadReachesTheWarehouseWhateverItsScore() {
        for (int score = 0; score <= 100; score++) {
            routing.send(EnrichedLeads.lead("lead-" + score, score).build());
        }
        routing.send(EnrichedLeads.lead("lead-no-score", null).setWorkEmail(null).build());

        assertThat(routing.idsOn(WAREHOUSE)).hasSize(102).doesNotHaveDuplicates().contains("lead-no-score");
        assertThat(routing.idsOn(CRM)).hasSize(21);
        assertThat(routing.idsOn(OUTREACH)).hasSize(21);
        assertThat(routing.idsOn(NURTURE)).hasSize(30);
        // Scores 0-49 and no score: 51 leads the warehouse alone took.
        assertThat(routing.metric("unrouted-total")).isEqualTo(51.0);
    }

    @Test
    void outputIsKeyedByLeadIdWhateverTheInputKeyAndKeepsTheHeaders() {
        EnrichedLead lead = EnrichedLeads.lead("lead-7", 90).build();
        Headers headers = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        routing.enriched.pipeInput(new TestRecord<>("some-other-key", lead, headers, (Long) null));

        TestRecord<String, EnrichedLead> crm = routing.routes.get(CRM).readRecord();
        assertThat(crm.key()).isEqualTo("lead-7");
        assertThat(DeadLetter.header(crm.headers(), "traceparent")).isEqualTo("00-abc-def-01");
    }

    @Test
    void routeValuesCarryTheInputsSchemaRegisteredUnderTheRouteSubject() {
        EnrichedLead lead = EnrichedLeads.lead("lead-8", 85).build();
        byte[] input = routing.bytesOf(lead);

        routing.enrichedBytes.pipeInput("lead-8".getBytes(StandardCharsets.UTF_8), input);

        byte[] crm = routing.routeBytes.get(CRM).readValue();
        // The same schema id (the fake, like Confluent, gives one schema one id) and the same lead; not always the
        // same bytes: Avro writes a map's entries in the order the decoded map iterates them.
        assertThat(WireFormat.schemaId(Topics.LEADS_ROUTE_CRM, crm))
                .isEqualTo(WireFormat.schemaId(Topics.LEADS_ENRICHED, input));
        assertThat(routing.leadSerde.deserializer().deserialize(Topics.LEADS_ROUTE_CRM, crm)).isEqualTo(lead);
        try (SchemaRegistryClient client = SchemaRegistryClient.create(Map.of("schema.registry.url",
                routing.registry.url()))) {
            assertThat(client.latest(Topics.valueSubject(Topics.LEADS_ROUTE_CRM)).schema())
                    .isEqualTo(EnrichedLead.getClassSchema());
        }
    }

    @Test
    void countsLeadsPerRoute() {
        routing.send(EnrichedLeads.lead("hot", 90).build());
        routing.send(EnrichedLeads.lead("warm", 60).build());
        routing.send(EnrichedLeads.lead("cold", 10).build());

        assertThat(routing.metric("routed-crm-total")).isEqualTo(1.0);
        assertThat(routing.metric("routed-outreach-total")).isEqualTo(1.0);
        assertThat(routing.metric("routed-nurture-total")).isEqualTo(1.0);
        assertThat(routing.metric("routed-warehouse-total")).isEqualTo(3.0);
        assertThat(routing.metric("unmatched-total")).isZero();
        assertThat(routing.metric("unrouted-total")).isEqualTo(1.0);
        assertThat(routing.metric("dead-lettered-total")).isZero();
    }
}
