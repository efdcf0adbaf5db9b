package io.clayflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class WebhookEventIdsTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void anIdIsClaimedOnceWithinTheWindowAndAgainAfterItOrAfterARelease() {
        WebhookEventIds ids = new WebhookEventIds(Duration.ofHours(24), 100, clock);

        assertThat(ids.claim("e1")).isTrue();
        assertThat(ids.claim("e1")).as("a second delivery of the same event").isFalse();
        ids.release("e1");
        assertThat(ids.claim("e1")).as("its publish failed: the retry may publish it").isTrue();
        now.addAndGet(Duration.ofHours(25).toMillis());
        assertThat(ids.claim("e1")).as("older than the window").isTrue();
    }

    @Test
    void theOldestIdsAreForgottenPastTheBound() {
        WebhookEventIds ids = new WebhookEventIds(Duration.ofHours(24), 2, clock);
        ids.claim("a");
        ids.claim("b");
        ids.claim("c");

        assertThat(ids.claim("a")).isTrue();
        assertThat(ids.claim("c")).isFalse();
    }
}
