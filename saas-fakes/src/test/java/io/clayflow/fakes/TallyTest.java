package io.clayflow.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void countsPerKeyAndLeavesKeysNeverCountedOut() {
        Tally<String> tally = new Tally<>();
        tally.increment("200");
        tally.increment("200");
        tally.add("429", 3);

        assertThat(tally.snapshot()).containsOnly(entry("200", 2L), entry("429", 3L));
    }

    @Test
    void aSnapshotDoesNotMoveWithLaterCounts() {
        Tally<Integer> tally = new Tally<>();
        tally.increment(401);
        var before = tally.snapshot();
        tally.increment(401);

        assertThat(before).containsEntry(401, 1L);
        assertThat(tally.snapshot()).containsEntry(401, 2L);
    }

    private static <K> java.util.Map.Entry<K, Long> entry(K key, long count) {
        return java.util.Map.entry(key, count);
    }
}
