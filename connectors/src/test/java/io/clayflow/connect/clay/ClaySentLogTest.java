package io.clayflow.connect.clay;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.ClayLedger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** The sent records of the Clay ledger: one per row Clay took, written with the progress that records it. */
class ClaySentLogTest {

    private static final URI WEBHOOK = URI.create("https://api.clay.com/v3/sources/webhook/secret-id");
    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private final ClaySentLog log = new ClaySentLog("leads.clay.sent", webhook -> "main",
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachRowIsARecordKeyedByLeadIdWithTheOutboxBytesTableWebhookIdAndSendTime() {
        byte[] outboxBytes = {0, 0, 0, 0, 7, 42};
        ClayRow row = ClayRow.of(new SinkRecord("leads.clay.outbox", 2, null, "lead-1", null, outboxBytes, 9),
                TestRows.lead(1));

        List<ProducerRecord<String, byte[]>> records = log.records(WEBHOOK, List.of(row, TestRows.row(2)));

        assertThat(records).extracting(ProducerRecord::key).containsExactly("lead-1", "lead-2");
        ProducerRecord<String, byte[]> first = records.get(0);
        assertThat(first.topic()).isEqualTo("leads.clay.sent");
        assertThat(first.value()).isEqualTo(outboxBytes);
        assertThat(header(first, ClayLedger.Headers.TABLE)).isEqualTo("main");
        assertThat(header(first, ClayLedger.Headers.WEBHOOK)).isEqualTo(WebhookQuota.key(WEBHOOK))
                .doesNotContain("secret");
        assertThat(header(first, ClayLedger.Headers.SENT_AT)).isEqualTo(Long.toString(NOW.toEpochMilli()));
    }

    @Test
    void theSentRecordsGoInTheSameSaveAsTheProgressThatRecordsTheRowsAsTaken() {
        List<List<ProducerRecord<String, byte[]>>> saved = new ArrayList<>();
        Map<String, String> state = new HashMap<>();
        SinkStateStore store = new SinkStateStore() {
            @Override
            public Map<String, String> load() {
                return state;
            }

            @Override
            public void save(Map<String, String> entries) {
                save(entries, List.of());
            }

            @Override
            public void save(Map<String, String> entries, List<ProducerRecord<String, byte[]>> alongside) {
                state.putAll(entries);
                saved.add(alongside);
            }

            @Override
            public void close() {
            }
        };
        ClayProgress progress = new ClayProgress("clay-sink", store, topics -> Map.of(), Map.of(), Optional.of(log));

        progress.taken(WEBHOOK, List.of(TestRows.row(1), TestRows.row(2)));

        assertThat(saved).hasSize(1);
        assertThat(saved.get(0)).extracting(ProducerRecord::key).containsExactly("lead-1", "lead-2");
        assertThat(state).hasSize(1);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
