package io.clayflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The formats of other components' private state that the status app reads: the throttle state's values are what
 * Kafka's {@code Serdes.Long()} writes (intake's store serde), the Clay sink's webhook counts decimal text next to its
 * progress records.
 */
class StateCodecsTest {

    @Test
    void throttleStateValuesAreKafkasLongSerdeBytes() {
        byte[] written = new LongSerializer().serialize("any", 1_234_567_890_123L);

        assertThat(ThrottleState.encode(1_234_567_890_123L)).isEqualTo(written);
        assertThat(ThrottleState.decode(written)).hasValue(1_234_567_890_123L);
        assertThat(ThrottleState.decode(null)).as("a tombstone").isEmpty();
        assertThat(ThrottleState.decode(new byte[3])).isEmpty();
        assertThat(new StringSerializer().serialize("any", ThrottleState.BUDGET_SPENT.key()))
                .isEqualTo("budget.spent".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBacklogWaitingIsNextMinusHead() {
        assertThat(ThrottleState.waiting(12, OptionalLong.of(9))).isEqualTo(3);
        assertThat(ThrottleState.waiting(4, OptionalLong.empty())).isEqualTo(4);
    }

    @Test
    void webhookCountsAreDecimalTextAndProgressRecordsAreNotCounts() {
        String progress = ClaySinkState.progressKey("clay-webhook-sink", Topics.LEADS_CLAY_OUTBOX, 0);

        assertThat(progress).isEqualTo("progress/clay-webhook-sink/leads.clay.outbox/0");
        assertThat(ClaySinkState.webhookSubmissions("a1b2c3", ClaySinkState.webhookSubmissionsValue(120)))
                .hasValue(120);
        assertThat(ClaySinkState.webhookSubmissions(progress, "118")).isEmpty();
        assertThat(ClaySinkState.webhookSubmissions("a1b2c3", null)).as("a tombstone").isEmpty();
        assertThat(ClaySinkState.webhookSubmissions("a1b2c3", "118@Nxg82kpURkKrvypRTTIr8g")).isEmpty();
    }

    @Test
    void tableRowCountsAndPauseRecordsAreNotWebhookCounts() {
        String rows = ClaySinkState.tableRowsKey("clay-webhook-sink", "leads-a");
        String pause = ClaySinkState.pauseKey("clay-webhook-sink");

        assertThat(rows).isEqualTo("table-rows/clay-webhook-sink/leads-a");
        assertThat(ClaySinkState.webhookSubmissions(rows, "300")).as("a table's rows").isEmpty();
        assertThat(ClaySinkState.webhookSubmissions(pause, "1")).as("a pause record").isEmpty();
        assertThat(ClaySinkState.pausedConnector(pause)).hasValue("clay-webhook-sink");
        assertThat(ClaySinkState.pausedConnector(rows)).isEmpty();
    }
}
