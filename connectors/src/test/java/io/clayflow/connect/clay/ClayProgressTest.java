package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ClayProgressTest {

    private static final String OUTBOX = "leads.clay.outbox";
    private static final TopicPartition P0 = new TopicPartition(OUTBOX, 0);
    private static final TopicPartition P1 = new TopicPartition(OUTBOX, 1);

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final Map<String, String> topicIds = new HashMap<>(Map.of(OUTBOX, "id-1"));

    @Test
    void afterARestartRowsClayTookAreSkippedAndTheRestAreSent() {
        ClayProgress before = opened("clay-sink");
        before.taken(List.of(row(0, 10), row(0, 11), row(1, 4)));

        ClayProgress restarted = opened("clay-sink");

        assertThat(restarted.alreadyTaken(record(0, 0))).isTrue();
        assertThat(restarted.alreadyTaken(record(0, 11))).isTrue();
        assertThat(restarted.alreadyTaken(record(0, 12))).as("the first row Clay has not taken").isFalse();
        assertThat(restarted.alreadyTaken(record(1, 4))).isTrue();
        assertThat(restarted.alreadyTaken(record(1, 5))).isFalse();
        assertThat(restarted.skipped()).isEqualTo(3);
    }

    @Test
    void withNothingStoredEveryRowIsSent() {
        ClayProgress progress = opened("clay-sink");

        assertThat(progress.alreadyTaken(record(0, 0))).isFalse();
        assertThat(progress.skipped()).isZero();
    }

    @Test
    void eachAcceptedBatchIsStoredBeforeTakenReturns() {
        ClayProgress progress = opened("clay-sink");

        progress.taken(List.of(row(0, 3), row(0, 7)));

        assertThat(store.entries).containsEntry("progress/clay-sink/leads.clay.outbox/0", "8@id-1");
        assertThat(progress.alreadyTaken(record(0, 7))).as("a rewind below what Clay took is skipped too").isTrue();
    }

    @Test
    void aTopicCreatedAgainUnderItsNameStartsAfresh() {
        opened("clay-sink").taken(List.of(row(0, 500)));
        topicIds.put(OUTBOX, "id-2");

        ClayProgress restarted = opened("clay-sink");

        assertThat(restarted.alreadyTaken(record(0, 0))).isFalse();
    }

    @Test
    void whenTheTopicIdCannotBeLookedUpTheNameDecides() {
        opened("clay-sink").taken(List.of(row(0, 5)));
        topicIds.clear();

        assertThat(opened("clay-sink").alreadyTaken(record(0, 5))).isTrue();
    }

    @Test
    void anotherConnectorOnTheSameTopicKeepsItsOwnProgress() {
        opened("clay-sink").taken(List.of(row(0, 99)));

        assertThat(opened("second-table").alreadyTaken(record(0, 0))).isFalse();
    }

    @Test
    void forgettingAPartitionSendsItsRowsAgain() {
        opened("clay-sink").taken(List.of(row(0, 9), row(1, 9)));

        ClayProgress.forget(store, "clay-sink", List.of(P0));

        ClayProgress restarted = opened("clay-sink");
        assertThat(restarted.alreadyTaken(record(0, 0))).isFalse();
        assertThat(restarted.alreadyTaken(record(1, 0))).as("a partition not reset").isTrue();
    }

    @Test
    void aClosedPartitionIsNotSkippedUntilOpenedAgain() {
        ClayProgress progress = opened("clay-sink");
        progress.taken(List.of(row(0, 9)));

        progress.close(List.of(P0));
        assertThat(progress.alreadyTaken(record(0, 0))).isFalse();

        progress.open(List.of(P0));
        assertThat(progress.alreadyTaken(record(0, 0))).isTrue();
    }

    @Test
    void ignoresTheWebhookQuotaInTheSameStore() {
        store.entries.put(WebhookQuota.key(java.net.URI.create("https://api.clay.com/v3/sources/webhook/a")), "42");

        assertThat(opened("clay-sink").alreadyTaken(record(0, 0))).isFalse();
    }

    private ClayProgress opened(String connector) {
        ClayProgress progress = new ClayProgress(connector, store, topics -> Map.copyOf(topicIds), store.load());
        progress.open(List.of(P0, P1));
        return progress;
    }

    private static SinkRecord record(int partition, long offset) {
        return new SinkRecord(OUTBOX, partition, null, "lead-" + offset, null, new byte[0], offset);
    }

    private static ClayRow row(int partition, long offset) {
        return ClayRow.of(record(partition, offset), TestRows.lead((int) offset));
    }
}
