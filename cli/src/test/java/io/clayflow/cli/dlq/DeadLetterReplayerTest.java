package io.clayflow.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.status.DeadLetterInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterReplayerTest {

    @Test
    void aReplayedRecordCarriesTheOriginalHeadersAndItsLineageButNoErrorHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("trace-id", bytes("abc"));
        headers.add("clayflow.errors.stage", bytes("intake.validate"));
        headers.add("clayflow.errors.reason", bytes("first_name.too_long"));
        headers.add("clayflow.errors.topic", bytes("leads.raw"));
        headers.add("__connect.errors.topic", bytes("leads.raw"));
        headers.add("clayflow.replay.of", bytes("leads.dlq/0/1"));
        DeadLetterEntry entry = new DeadLetterEntry("leads.dlq", 0, 7, Instant.EPOCH, bytes("k"), bytes("v"), headers,
                DeadLetterInfo.parse(headers));

        ProducerRecord<byte[], byte[]> replay = DeadLetterReplayer.replayRecord(entry, "leads.raw",
                Instant.parse("2026-11-20T10:00:00Z"));

        assertThat(replay.topic()).isEqualTo("leads.raw");
        assertThat(replay.key()).isEqualTo(bytes("k"));
        assertThat(replay.value()).isEqualTo(bytes("v"));
        assertThat(StreamSupport.stream(replay.headers().spliterator(), false).map(h -> h.key()))
                .containsExactly("trace-id", "clayflow.replay.of", "clayflow.replay.at");
        assertThat(DeadLetterInfo.header(replay.headers(), "clayflow.replay.of")).isEqualTo("leads.dlq/0/7");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
