package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.clayflow.schemas.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code cache.policy=drop} (intake before the enrichment cache): the same person within the TTL is dropped (and
 * counted); beyond it, released again. {@link EnrichmentCacheTopologyTest} covers the other policies.
 */
class DedupeTopologyTest {

    private static final Instant T0 = IntakeDriver.START;

    private IntakeDriver intake;

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void samePersonWithinTheTtlIsDroppedAndCounted() {
        intake = IntakeDriver.startDropping();
        intake.send(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().setEmail(" JANE.DOE@Acme.com ").setTitle("CRO").build(), T0.plus(Duration.ofDays(29)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        List<KeyValue<String, Lead>> released = intake.outbox.readKeyValuesToList();
        assertThat(released).hasSize(1);
        assertThat(released.get(0).value.getTitle()).isEqualTo("VP Sales");
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
        assertThat(intake.dlq.isEmpty()).isTrue();
    }

    @Test
    void samePersonBeyondTheTtlIsReleasedAgainWithTheSameLeadId() {
        intake = IntakeDriver.startDropping();
        intake.send(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().build(), T0.plus(Duration.ofDays(30)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        List<KeyValue<String, Lead>> released = intake.outbox.readKeyValuesToList();
        assertThat(released).hasSize(2);
        assertThat(released.get(0).key).isEqualTo(released.get(1).key).isEqualTo(released.get(0).value.getLeadId());
        assertThat(intake.metric("duplicates-dropped-total")).isZero();
    }

    @Test
    void ttlIsConfigurable() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.DEDUPE_TTL, "PT1H", IntakeConfig.CACHE_POLICY, "drop"));
        intake.send(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().build(), T0.plus(Duration.ofMinutes(59)));
        intake.send(TestLeads.jane().build(), T0.plus(Duration.ofMinutes(119)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).hasSize(2);
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
    }

    @Test
    void differentPeoplePassAndTheSamePersonByLinkedinIsCaught() {
        intake = IntakeDriver.startDropping();
        Lead byLinkedin = Lead.newBuilder().setSource("csv").setOccurredAt(TestLeads.OCCURRED_AT)
                .setLinkedinUrl("https://www.linkedin.com/in/sam-lee").build();
        intake.send(TestLeads.person(1), T0);
        intake.send(TestLeads.person(2), T0);
        intake.send(byLinkedin, T0);
        intake.send(Lead.newBuilder(byLinkedin).setLinkedinUrl("linkedin.com/in/Sam-Lee/").build(), T0.plusSeconds(5));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getLinkedinUrl, Lead::getEmail).containsExactly(
                tuple(null, "person1@acme.com"),
                tuple(null, "person2@acme.com"),
                tuple("https://www.linkedin.com/in/sam-lee", null));
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
    }

    @Test
    void backDatedCopyIsComparedWithNowNotWithItsOwnTimestamp() {
        intake = IntakeDriver.startDropping();
        intake.send(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().build(), T0.minus(Duration.ofDays(45)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).hasSize(1);
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
    }

    @Test
    void copyArrivingWhileTheFirstStillWaitsForBudgetIsDropped() {
        // "Released" means accepted into the durable backlog: a copy must not slip through while the first waits.
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "2", IntakeConfig.CACHE_POLICY, "drop"));
        intake.send(TestLeads.person(1), T0);
        intake.send(TestLeads.jane().build(), T0);
        intake.advanceWallClock(Duration.ofMillis(100), 1);
        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getEmail).containsExactly("person1@acme.com");

        intake.send(TestLeads.jane().build(), T0.plusSeconds(60));
        intake.advanceWallClock(Duration.ofDays(1), 1);

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getEmail).containsExactly("jane.doe@acme.com");
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
    }
}
