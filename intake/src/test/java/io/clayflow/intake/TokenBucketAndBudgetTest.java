package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arithmetic of the throttle, including clocks that jump back (a task moved to a host whose clock is behind). */
class TokenBucketAndBudgetTest {

    private final TokenBucket bucket = new TokenBucket(10, 20);
    private final CreditBudget budget = new CreditBudget(100, Duration.ofDays(1), 1);

    @Test
    void clockGoingBackAddsNoTokens() {
        TokenBucket.State empty = bucket.full(10_000).take(20);

        assertThat(bucket.refill(empty, 9_000)).isEqualTo(empty);
        assertThat(bucket.refill(empty, 10_100).wholeTokens()).isEqualTo(1);
    }

    @Test
    void fractionsOfATokenAreKeptUntilTheyAddUp() {
        TokenBucket slow = new TokenBucket(0.5, 1);
        TokenBucket.State state = slow.full(0).take(1);
        for (long t = 100; t <= 1_900; t += 100) {
            state = slow.refill(state, t);
        }
        assertThat(state.wholeTokens()).isZero();
        assertThat(slow.refill(state, 2_000).wholeTokens()).isEqualTo(1);
    }

    @Test
    void dailyPeriodStartsAtUtcMidnight() {
        long now = Instant.parse("2026-03-02T17:45:00Z").toEpochMilli();
        assertThat(budget.periodStart(now)).isEqualTo(Instant.parse("2026-03-02T00:00:00Z").toEpochMilli());
    }

    @Test
    void clockGoingBackNeverReopensAnEarlierPeriod() {
        long today = Instant.parse("2026-03-02T00:00:05Z").toEpochMilli();
        CreditBudget.State spent = budget.spend(budget.at(null, today), 100);

        CreditBudget.State yesterdayAgain = budget.at(spent, Instant.parse("2026-03-01T23:59:59Z").toEpochMilli());

        assertThat(yesterdayAgain).isEqualTo(spent);
        assertThat(budget.affordableLeads(yesterdayAgain)).isZero();
    }

    @Test
    void zeroCreditsPerLeadTurnsTheBudgetOff() {
        CreditBudget free = new CreditBudget(1, Duration.ofDays(1), 0);
        assertThat(free.affordableLeads(free.at(null, 0))).isEqualTo(Long.MAX_VALUE);
    }
}
