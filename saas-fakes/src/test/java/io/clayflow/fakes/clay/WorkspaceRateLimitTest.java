package io.clayflow.fakes.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkspaceRateLimitTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final WorkspaceRateLimit bucket = new WorkspaceRateLimit(10, 20, now::get);

    @Test
    void startsFullAndLetsTheBurstThroughRowByRow() {
        for (int i = 0; i < 20; i++) {
            assertThat(bucket.tryTake(1)).as("row %d", i).isZero();
        }
        assertThat(bucket.tryTake(1)).isEqualTo(1);
    }

    @Test
    void countsRowsNotRequests() {
        assertThat(bucket.tryTake(10)).isZero();
        assertThat(bucket.tryTake(10)).isZero();
        assertThat(bucket.tryTake(10)).as("seconds until 10 tokens at 10/s").isEqualTo(1);
    }

    @Test
    void refillsAtTheRateUpToTheBurst() {
        bucket.tryTake(20);
        now.addAndGet(SECOND / 2);
        assertThat(bucket.tryTake(5)).isZero();
        assertThat(bucket.tryTake(1)).isEqualTo(1);

        now.addAndGet(100 * SECOND);
        assertThat(bucket.tryTake(20)).isZero();
        assertThat(bucket.tryTake(1)).as("never more than the burst").isEqualTo(1);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilEnoughTokens() {
        WorkspaceRateLimit slow = new WorkspaceRateLimit(0.5, 4, now::get);
        slow.tryTake(4);
        assertThat(slow.tryTake(3)).as("3 tokens at 0.5/s").isEqualTo(6);
    }

    @Test
    void aRequestLargerThanTheBurstPassesOnAFullBucketAndLeavesADebt() {
        assertThat(bucket.tryTake(30)).isZero();
        now.addAndGet(SECOND);
        assertThat(bucket.tryTake(1)).as("10 tokens owed, 10 refilled: still none").isEqualTo(1);
        now.addAndGet(SECOND / 10);
        assertThat(bucket.tryTake(1)).isZero();
    }
}
