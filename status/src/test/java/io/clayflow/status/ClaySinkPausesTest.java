package io.clayflow.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.ClaySinkState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaySinkPausesTest {

    private final ClaySinkPauses pauses = new ClaySinkPauses();
    private final WebhookSubmissions webhooks = new WebhookSubmissions();

    @Test
    void aPauseRecordShowsUntilItsTombstoneAndIsNeverAWebhookCount() {
        add(ClaySinkState.pauseKey("clay-a"), "credits-exhausted: Clay answered 402");
        add(ClaySinkState.pauseKey("clay-b"), "tables-full: no Clay table can take a row");
        add(ClaySinkState.tableRowsKey("clay-a", "leads"), "300");
        add("a1b2c3", "300");

        assertThat(pauses.byConnector()).containsOnlyKeys("clay-a", "clay-b")
                .containsEntry("clay-a", "credits-exhausted: Clay answered 402");
        assertThat(webhooks.perWebhook()).as("table rows and pauses are not webhooks").containsOnlyKeys("a1b2c3");

        add(ClaySinkState.pauseKey("clay-a"), null);

        assertThat(pauses.byConnector()).containsOnlyKeys("clay-b");
    }

    private void add(String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
        pauses.add(k, v);
        webhooks.add("clayflow.clay-sink-state", k, v);
    }
}
