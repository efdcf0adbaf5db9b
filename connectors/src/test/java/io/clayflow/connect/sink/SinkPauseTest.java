package io.clayflow.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

class SinkPauseTest {

    private static final TopicPartition P0 = new TopicPartition("leads", 0);
    private static final TopicPartition P1 = new TopicPartition("leads", 1);

    private final RecordingContext context = new RecordingContext();
    private final MutableClock clock = new MutableClock();
    private final SinkPause pause = new SinkPause(context, clock);

    @Test
    void rewindsEachPartitionToItsFirstRecordNotTaken() {
        pause.pauseAndRedeliver(List.of(record(P0, 12), record(P0, 10), record(P1, 3)), Duration.ofSeconds(5));

        assertThat(context.offsets).containsEntry(P0, 10L).containsEntry(P1, 3L);
        assertThat(context.paused).containsExactlyInAnyOrder(P0, P1);
        assertThat(context.timeoutMs).isEqualTo(5_000);
    }

    @Test
    void capsCommitsAtTheRewindPoint() {
        pause.pauseAndRedeliver(List.of(record(P0, 10)), Duration.ofSeconds(5));

        Map<TopicPartition, OffsetAndMetadata> safe = pause.safeOffsets(Map.of(
                P0, new OffsetAndMetadata(20), P1, new OffsetAndMetadata(7)));

        assertThat(safe.get(P0).offset()).isEqualTo(10);
        assertThat(safe.get(P1).offset()).as("a partition not held back commits as usual").isEqualTo(7);
    }

    @Test
    void refusesRecordsWhilePausedAndRewindsThemToo() {
        pause.pauseAndRedeliver(List.of(record(P0, 10)), Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(2));

        assertThat(pause.admit(List.of(record(P1, 4)))).isFalse();

        assertThat(context.offsets).containsEntry(P1, 4L);
        assertThat(context.timeoutMs).as("wakes when the pause ends").isEqualTo(3_000);
        assertThat(pause.isPaused()).isTrue();
    }

    @Test
    void resumesWhenTheWaitIsOverAndReleasesTheCap() {
        pause.pauseAndRedeliver(List.of(record(P0, 10)), Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));

        assertThat(pause.admit(List.of(record(P0, 10)))).isTrue();

        assertThat(pause.isPaused()).isFalse();
        assertThat(context.paused).isEmpty();
        assertThat(pause.safeOffsets(Map.of(P0, new OffsetAndMetadata(11))).get(P0).offset()).isEqualTo(11);
    }

    private static SinkRecord record(TopicPartition partition, long offset) {
        return new SinkRecord(partition.topic(), partition.partition(), null, null, null, "v", offset);
    }

    /** Records what the task asked of Connect. */
    private static final class RecordingContext implements SinkTaskContext {
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        final Set<TopicPartition> paused = new HashSet<>();
        long timeoutMs = -1;

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            this.offsets.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
            offsets.put(tp, offset);
        }

        @Override
        public void timeout(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(P0, P1);
        }

        @Override
        public void pause(TopicPartition... partitions) {
            paused.addAll(List.of(partitions));
        }

        @Override
        public void resume(TopicPartition... partitions) {
            List.of(partitions).forEach(paused::remove);
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("not used by SinkPause");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
