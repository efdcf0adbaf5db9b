package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.Lead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Release pacing on the Streams wall clock, and the credit budget: exhaustion, waiting, refill. */
class ThrottleTopologyTest {

    private static final Duration TICK = Duration.ofMillis(100);

    private IntakeDriver intake;

    @AfterEach
    void stop() {
        intake.close();
    }

    @Test
    void releasesABurstOnArrivalThenTheRatePerSecondInArrivalOrder() {
        intake = IntakeDriver.start();
        sendPeople(1, 50);
        assertThat(releasedEmails()).as("a full bucket lets a burst through as it arrives")
                .containsExactlyElementsOf(emails(1, 20));
        assertThat(intake.metric("backlog-size")).isEqualTo(30.0);

        intake.advanceWallClock(TICK, 1);
        assertThat(releasedEmails()).as("then one token per 100 ms at 10/s").containsExactlyElementsOf(emails(21, 21));

        intake.advanceWallClock(TICK, 10);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(22, 31));

        intake.advanceWallClock(TICK, 18);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(32, 49));
        intake.advanceWallClock(TICK, 1);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(50, 50));
        intake.advanceWallClock(Duration.ofSeconds(5), 1);
        assertThat(intake.outbox.isEmpty()).isTrue();

        assertThat(intake.metric("released-total")).isEqualTo(50.0);
        assertThat(intake.metric("backlog-size")).isZero();
    }

    @Test
    void neverReleasesMoreThanTheRateOverAnyStretchOfWallClock() {
        intake = IntakeDriver.start();
        sendPeople(1, 200);
        intake.advanceWallClock(TICK, 1);
        intake.outbox.readRecordsToList();

        intake.advanceWallClock(Duration.ofMillis(250), 40); // 10 s in coarse steps
        List<TestRecord<String, Lead>> released = intake.outbox.readRecordsToList();
        assertThat(released).hasSize(100);
        // Each step of 250 ms releases 2 or 3 leads: the fractional token carries over, none is lost or invented.
        assertThat(released.stream().collect(Collectors.groupingBy(TestRecord::timestamp, Collectors.counting()))
                .values()).allMatch(count -> count == 2 || count == 3);
    }

    @Test
    void rateAndBurstAreConfigurable() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.THROTTLE_RATE_PER_SECOND, "2",
                IntakeConfig.THROTTLE_BURST, "5"));
        sendPeople(1, 20);

        intake.advanceWallClock(TICK, 1);
        assertThat(releasedEmails()).hasSize(5);
        intake.advanceWallClock(TICK, 10);
        assertThat(releasedEmails()).hasSize(2);
        intake.advanceWallClock(Duration.ofSeconds(3), 1);
        assertThat(releasedEmails()).as("a quiet spell refills no more than the burst").hasSize(5);
    }

    @Test
    void releasedLeadsAreKeyedByLeadIdAndStampedWithTheReleaseTime() {
        intake = IntakeDriver.start();
        sendPeople(1, 21);
        intake.advanceWallClock(TICK, 1);

        List<TestRecord<String, Lead>> released = intake.outbox.readRecordsToList();
        assertThat(released).hasSize(21);
        assertThat(released.get(0).key()).isEqualTo(released.get(0).value().getLeadId())
                .isEqualTo(new DedupeKey(DedupeKey.Kind.EMAIL, emails(1, 1).get(0)).leadId());
        assertThat(released.get(0).getRecordTime()).as("released on arrival").isEqualTo(IntakeDriver.START);
        assertThat(released.get(20).getRecordTime()).as("released by the punctuation, a tick later")
                .isEqualTo(IntakeDriver.START.plus(TICK));
    }

    @Test
    void aLeadArrivingWhileOthersWaitJoinsTheBackOfTheBacklog() {
        intake = IntakeDriver.start();
        sendPeople(1, 25);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(1, 20));

        sendPeople(26, 26);
        assertThat(intake.outbox.isEmpty()).isTrue();
        assertThat(intake.metric("backlog-size")).isEqualTo(6.0);

        intake.advanceWallClock(Duration.ofSeconds(1), 1);
        assertThat(releasedEmails()).as("released in arrival order").containsExactlyElementsOf(emails(21, 26));
    }

    @Test
    void stopsAtTheBudgetAndReleasesTheRestInOrderNextPeriod() {
        Instant beforeMidnight = Instant.parse("2026-03-02T23:59:00Z");
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "30",
                IntakeConfig.COST_ACTIONS_PER_ROW, "1"), beforeMidnight);
        sendPeople(1, 50);

        intake.advanceWallClock(TICK, 50); // 5 s: the bucket would allow 20 + 50, the budget allows 30
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(1, 30));
        assertThat(intake.metric("budget-left")).isZero();
        assertThat(intake.metric("backlog-size")).isEqualTo(20.0);

        intake.advanceWallClock(Duration.ofSeconds(30), 1); // 23:59:35: same period, still nothing
        assertThat(intake.outbox.isEmpty()).isTrue();

        intake.advanceWallClock(Duration.ofSeconds(30), 1); // 00:00:05 UTC: a new period
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(31, 50));
        assertThat(intake.metric("budget-left")).isEqualTo(10.0);
        assertThat(intake.metric("backlog-size")).isZero();
        assertThat(intake.dlq.isEmpty()).as("nothing is dropped or dead-lettered while waiting").isTrue();
    }

    @Test
    void eachLeadCostsTheConfiguredCredits() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "10",
                IntakeConfig.COST_ACTIONS_PER_ROW, "3"));
        sendPeople(1, 5);

        intake.advanceWallClock(TICK, 1);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(1, 3));
        assertThat(intake.metric("budget-left")).isEqualTo(1.0);

        intake.advanceWallClock(Duration.ofDays(1), 1);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(4, 5));
    }

    @Test
    void budgetPeriodIsConfigurable() {
        intake = IntakeDriver.start(Map.of(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "2",
                IntakeConfig.COST_ACTIONS_PER_ROW, "1", IntakeConfig.BUDGET_PERIOD, "PT1H"), Instant.parse("2026-03-02T09:59:59.500Z"));
        sendPeople(1, 5);

        intake.advanceWallClock(TICK, 1);
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(1, 2));
        intake.advanceWallClock(TICK, 5); // 10:00:00.100
        assertThat(releasedEmails()).containsExactlyElementsOf(emails(3, 4));
    }

    private void sendPeople(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(n -> intake.send(TestLeads.person(n)));
    }

    private List<String> releasedEmails() {
        return intake.outbox.readValuesToList().stream().map(Lead::getEmail).toList();
    }

    private static List<String> emails(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "person" + n + "@acme.com").toList();
    }
}
