package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.EnrichmentSources;
import io.clayflow.schemas.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Repeat touches under {@code cache.policy=cached} and {@code reenrich}: served from the person's cached Clay
 * enrichment, held while the person is in flight at Clay, sent again when the cache is too old or a hold too long.
 */
class EnrichmentCacheTopologyTest {

    private static final Instant T0 = IntakeDriver.START;

    private IntakeDriver intake;

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void aRepeatAfterTheEnrichmentIsServedFromTheCacheWithItsOwnTouchFields() {
        intake = IntakeDriver.start();
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        clayEnriches(first, T0.plusSeconds(30));

        intake.send(TestLeads.jane().setEmail("  Jane.Doe@ACME.com ").setSource("csv-import").setSourceId("row-7")
                .setOccurredAt(T0.plusSeconds(50)).setAttributes(Map.of("list", "q2-event")).build(), T0.plusSeconds(60));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).as("nothing more sent to Clay").isEmpty();
        List<TestRecord<String, EnrichedLead>> served = intake.enriched.readRecordsToList();
        assertThat(served).hasSize(1);
        EnrichedLead hit = served.get(0).value();
        assertThat(served.get(0).key()).isEqualTo(first.getLeadId()).isEqualTo(hit.getLeadId());
        assertThat(hit.getEnrichmentSource()).isEqualTo(EnrichmentSources.CACHE);
        assertThat(served.get(0).headers().lastHeader(EnrichmentSources.HEADER).value())
                .as("marked for readers that do not decode it").asString().isEqualTo(EnrichmentSources.CACHE);
        assertThat(hit.getSource()).isEqualTo("csv-import");
        assertThat(hit.getSourceId()).isEqualTo("row-7");
        assertThat(hit.getOccurredAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(hit.getAttributes()).isEqualTo(Map.of("list", "q2-event"));
        assertThat(hit.getIcpScore()).isEqualTo(91);
        assertThat(hit.getWorkEmail()).isEqualTo("jane@acme.com");
        assertThat(hit.getEnrichedAt()).as("the cached enrichment's time").isEqualTo(T0.plusSeconds(30));
        assertThat(intake.metric("cache-served-total")).isEqualTo(1.0);
        assertThat(intake.metric("duplicates-dropped-total")).isZero();
    }

    @Test
    void aRepeatWhileThePersonIsInFlightIsHeldAndPublishedWhenTheEnrichmentArrives() {
        intake = IntakeDriver.start();
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().setSource("crm-event").build(), T0.plusSeconds(5));
        intake.send(TestLeads.jane().setSource("api").build(), T0.plusSeconds(6));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.enriched.isEmpty()).as("held, not published without an enrichment").isTrue();
        assertThat(intake.outbox.isEmpty()).as("held, not sent to Clay twice").isTrue();
        assertThat(intake.metric("cache-held-total")).isEqualTo(2.0);

        clayEnriches(first, T0.plusSeconds(30));

        assertThat(intake.enriched.readValuesToList()).extracting(EnrichedLead::getSource)
                .containsExactly("crm-event", "api");
        assertThat(intake.outbox.isEmpty()).isTrue();
        // Released once: a later enrichment (a replayed callback) finds nothing held any more.
        clayEnriches(first, T0.plusSeconds(40));
        assertThat(intake.enriched.isEmpty()).isTrue();
    }

    @Test
    void aHoldLongerThanTheLimitSendsTheTouchToClayOnceAndTheOthersWaitForIt() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.CACHE_HOLD_MAX, "PT1H"));
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        intake.send(TestLeads.jane().setSource("crm-event").build(), T0.plusSeconds(5));
        intake.send(TestLeads.jane().setSource("api").build(), T0.plusSeconds(6));

        intake.advanceWallClock(Duration.ofMinutes(61), 1);
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getSource).containsExactly("crm-event");
        assertThat(intake.metric("cache-holds-expired-total")).isEqualTo(1.0);
        clayEnriches(first, T0.plusSeconds(30));
        assertThat(intake.enriched.readValuesToList()).extracting(EnrichedLead::getSource).containsExactly("api");
    }

    @Test
    void theCachesOwnRecordsAreNotCachedAgain() {
        intake = IntakeDriver.start();
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        clayEnriches(first, T0.plusSeconds(30));
        intake.send(TestLeads.jane().setSource("api").build(), T0.plusSeconds(60));
        EnrichedLead hit = intake.enriched.readValuesToList().get(0);

        // The hit comes back on leads.enriched; were it cached, a later repeat would carry source "api".
        intake.enrichedIn.pipeInput(hit.getLeadId(), hit, T0.plusSeconds(61));
        intake.send(TestLeads.jane().setSource("csv-import").build(), T0.plusSeconds(70));

        EnrichedLead second = intake.enriched.readValuesToList().get(0);
        assertThat(second.getSource()).isEqualTo("csv-import");
        assertThat(second.getAttributes()).isEqualTo(TestLeads.jane().build().getAttributes());
        assertThat(second.getEnrichedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void reenrichSendsAgainWhenTheCacheIsOlderThanTheAgeAndServesItBefore() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.CACHE_POLICY, "reenrich",
                IntakeConfig.CACHE_REENRICH_MAX_AGE, "P7D"));
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        clayEnriches(first, T0.plusSeconds(30));

        intake.send(TestLeads.jane().setSource("api").build(), T0.plus(Duration.ofDays(6)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);
        assertThat(intake.enriched.readValuesToList()).extracting(EnrichedLead::getSource).containsExactly("api");
        assertThat(intake.outbox.isEmpty()).isTrue();

        intake.send(TestLeads.jane().setSource("crm-event").build(), T0.plus(Duration.ofDays(8)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);
        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getSource).containsExactly("crm-event");
        assertThat(intake.enriched.isEmpty()).isTrue();
        assertThat(intake.metric("cache-reenriched-total")).isEqualTo(1.0);
    }

    @Test
    void dropPolicyDropsRepeatsEvenWithAnEnrichmentCached() {
        intake = IntakeDriver.startDropping();
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        clayEnriches(first, T0.plusSeconds(30));
        intake.send(TestLeads.jane().setSource("api").build(), T0.plusSeconds(60));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.enriched.isEmpty()).isTrue();
        assertThat(intake.outbox.isEmpty()).isTrue();
        assertThat(intake.metric("duplicates-dropped-total")).isEqualTo(1.0);
    }

    @Test
    void aShorterCacheTtlSendsTheRepeatToClayOnceTheEnrichmentIsOlder() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.CACHE_TTL, "P1D"));
        Lead first = sendAndRelease(TestLeads.jane().build(), T0);
        clayEnriches(first, T0.plusSeconds(30));

        intake.send(TestLeads.jane().setSource("api").build(), T0.plus(Duration.ofDays(2)));
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getSource).containsExactly("api");
        assertThat(intake.enriched.isEmpty()).isTrue();
    }

    /** Sends a lead and returns what intake released for it to Clay. */
    private Lead sendAndRelease(Lead lead, Instant at) {
        intake.send(lead, at);
        intake.advanceWallClock(Duration.ofMillis(100), 1);
        List<Lead> released = intake.outbox.readValuesToList();
        assertThat(released).hasSize(1);
        return released.get(0);
    }

    /** The gateway's record of Clay's callback for a released lead. */
    private void clayEnriches(Lead released, Instant at) {
        EnrichedLead enriched = EnrichedLead.newBuilder()
                .setLeadId(released.getLeadId()).setEmail(released.getEmail()).setFirstName(released.getFirstName())
                .setLastName(released.getLastName()).setCompanyDomain(released.getCompanyDomain())
                .setSource(released.getSource()).setSourceId(released.getSourceId())
                .setOccurredAt(released.getOccurredAt()).setAttributes(released.getAttributes())
                .setWorkEmail("jane@acme.com").setIcpScore(91).setSeniority("vp")
                .setEnrichment(Map.of("headcount", "120")).setEnrichedAt(at).build();
        intake.enrichedIn.pipeInput(released.getLeadId(), enriched, at);
    }
}
