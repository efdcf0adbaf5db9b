package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.CostEvent;
import io.clayflow.schemas.CostEventSerde;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The two meters and the cost ledger's entries intake writes: estimates, savings, Clay's actual figures. */
class IntakeCostTopologyTest {

    private static final Duration TICK = Duration.ofMillis(100);

    private IntakeDriver intake;
    private SpecificAvroSerde<EnrichedLead> enrichedSerde;

    @AfterEach
    void stop() {
        if (enrichedSerde != null) {
            enrichedSerde.close();
        }
        intake.close();
    }

    private TestOutputTopic<String, CostEvent> ledger() {
        return intake.driver.createOutputTopic(Topics.COST_EVENTS, new StringDeserializer(),
                new CostEventSerde().deserializer());
    }

    private TestInputTopic<String, EnrichedLead> enriched() {
        enrichedSerde = new SpecificAvroSerde<>();
        enrichedSerde.configure(intake.config.serdeConfigs(), false);
        return intake.driver.createInputTopic(Topics.LEADS_ENRICHED, new StringSerializer(),
                enrichedSerde.serializer());
    }

    @Test
    void eachReleasedRowIsBookedAtTheEstimateAndEachDroppedDuplicateAsASaving() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.COST_ACTIONS_PER_ROW, "3",
                IntakeConfig.COST_DATA_CREDITS_PER_ROW, "5", IntakeConfig.COST_TABLE, "leads-us",
                IntakeConfig.CACHE_POLICY, "drop"));
        intake.send(TestLeads.jane().build());
        intake.send(TestLeads.jane().setEmail(" JANE.DOE@acme.com ").setSource("csv-import").build());
        intake.send(Lead.newBuilder(TestLeads.person(1)).setSource("api").build());
        intake.send(TestLeads.jane().setSource("crm-event").build());
        intake.advanceWallClock(TICK, 1);

        List<CostEvent> events = ledger().readValuesToList();
        assertThat(events).filteredOn(e -> e.kind() == CostEvent.Kind.ESTIMATED)
                .extracting(CostEvent::source, CostEvent::rows, CostEvent::actions, CostEvent::dataCredits,
                        CostEvent::table)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("web-form", 1, 3L, 5L, "leads-us"),
                        org.assertj.core.groups.Tuple.tuple("api", 1, 3L, 5L, "leads-us"));
        assertThat(events).filteredOn(e -> e.kind() == CostEvent.Kind.SAVED_DUPLICATE)
                .extracting(CostEvent::source, CostEvent::rows, CostEvent::actions, CostEvent::dataCredits)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("csv-import", 0, 3L, 5L),
                        org.assertj.core.groups.Tuple.tuple("crm-event", 0, 3L, 5L));
        assertThat(events).hasSize(4);
        assertThat(intake.metric("duplicates-dropped-total")).as("one saving per duplicate dropped").isEqualTo(2.0);
        assertThat(intake.outbox.readValuesToList()).hasSize(2);
    }

    @Test
    void aRepeatServedFromTheCacheIsBookedAsACacheSavingWhenServedAndAHeldOneNotBefore() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.COST_ACTIONS_PER_ROW, "3",
                IntakeConfig.COST_DATA_CREDITS_PER_ROW, "5", IntakeConfig.COST_TABLE, "leads-us"));
        intake.send(TestLeads.jane().build());
        intake.advanceWallClock(TICK, 1);
        Lead sent = intake.outbox.readValuesToList().get(0);
        // A repeat while Jane is in flight at Clay: held, so nothing is saved yet.
        intake.send(TestLeads.jane().setSource("csv-import").build());
        intake.advanceWallClock(TICK, 1);
        assertThat(ledger().readValuesToList()).extracting(CostEvent::kind).containsExactly(CostEvent.Kind.ESTIMATED);

        TestInputTopic<String, EnrichedLead> enriched = enriched();
        enriched.pipeInput(sent.getLeadId(), enrichedOf(sent, null, null, null));
        intake.send(TestLeads.jane().setSource("crm-event").build());
        intake.advanceWallClock(TICK, 1);

        assertThat(ledger().readValuesToList()).filteredOn(e -> e.kind().saved())
                .extracting(CostEvent::kind, CostEvent::source, CostEvent::rows, CostEvent::actions,
                        CostEvent::dataCredits, CostEvent::table)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(CostEvent.Kind.SAVED_CACHE, "csv-import", 0, 3L, 5L,
                                "leads-us"),
                        org.assertj.core.groups.Tuple.tuple(CostEvent.Kind.SAVED_CACHE, "crm-event", 0, 3L, 5L,
                                "leads-us"));
        assertThat(intake.outbox.readValuesToList()).as("no second row sent to Clay").isEmpty();
    }

    @Test
    void leadsWaitWhenTheDataCreditsBudgetIsSpentThoughActionsAreLeft() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "1000",
                IntakeConfig.BUDGET_DATA_CREDITS_PER_PERIOD, "10", IntakeConfig.COST_DATA_CREDITS_PER_ROW, "4"));
        for (int n = 1; n <= 5; n++) {
            intake.send(TestLeads.person(n));
        }
        intake.advanceWallClock(TICK, 10);

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getEmail)
                .containsExactly("person1@acme.com", "person2@acme.com");
        assertThat(intake.metric("data-credits-left")).isEqualTo(2.0);
        assertThat(intake.metric("budget-left")).as("Actions left").isEqualTo(996.0);
        assertThat(intake.metric("backlog-size")).isEqualTo(3.0);

        intake.advanceWallClock(Duration.ofDays(1), 1);
        assertThat(intake.outbox.readValuesToList()).as("the next period pays for two more").hasSize(2);
    }

    @Test
    void clayActualFiguresReplaceTheEstimateInTheBudgetAndAreBooked() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "10",
                IntakeConfig.COST_ACTIONS_PER_ROW, "2", IntakeConfig.BUDGET_DATA_CREDITS_PER_PERIOD, "100",
                IntakeConfig.COST_DATA_CREDITS_PER_ROW, "10"));
        for (int n = 1; n <= 7; n++) {
            intake.send(TestLeads.person(n));
        }
        intake.advanceWallClock(TICK, 1);
        List<Lead> first = intake.outbox.readValuesToList();
        assertThat(first).hasSize(5);
        assertThat(intake.metric("budget-left")).isZero();

        // Clay says the first row cost 1 Action and 3 Data Credits, not 2 and 10; the second reports Actions only.
        TestInputTopic<String, EnrichedLead> enriched = enriched();
        enriched.pipeInput(first.get(0).getLeadId(), enrichedOf(first.get(0), 1L, 3L, "leads-eu"));
        enriched.pipeInput(first.get(1).getLeadId(), enrichedOf(first.get(1), 1L, null, null));
        enriched.pipeInput(first.get(2).getLeadId(), enrichedOf(first.get(2), null, null, null));
        intake.advanceWallClock(TICK, 1);

        assertThat(intake.outbox.readValuesToList()).as("the 2 Actions given back pay for one more row").hasSize(1);
        assertThat(intake.metric("budget-left")).isZero();
        assertThat(intake.metric("data-credits-left")).as("100 - 6 rows x 10 + 7 given back").isEqualTo(47.0);
        List<CostEvent> actual = ledger().readValuesToList().stream()
                .filter(e -> e.kind() == CostEvent.Kind.ACTUAL).toList();
        assertThat(actual).extracting(CostEvent::leadId, CostEvent::actions, CostEvent::dataCredits, CostEvent::table)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.get(0).getLeadId(), 1L, 3L, "leads-eu"),
                        org.assertj.core.groups.Tuple.tuple(first.get(1).getLeadId(), 1L, null, "default"));
    }

    private static EnrichedLead enrichedOf(Lead lead, Long actions, Long dataCredits, String table) {
        return EnrichedLead.newBuilder().setLeadId(lead.getLeadId()).setEmail(lead.getEmail())
                .setSource(lead.getSource()).setOccurredAt(lead.getOccurredAt()).setEnrichedAt(Instant.now())
                .setClayActionsUsed(actions).setClayDataCreditsUsed(dataCredits).setClayTable(table).build();
    }
}
