package io.clayflow.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.streams.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterInfoTest {

    @Test
    void readsIntakesConventionAsDeadLetterWritesIt() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace-id", bytes("abc"));
        ProducerRecord<byte[], byte[]> letter = DeadLetter.to("leads.dlq").original(bytes("k"), bytes("v"), original)
                .failure("intake.validate", "email.syntax")
                .exception(new IllegalArgumentException("email 'x' is not an address"), false)
                .origin("leads.raw", 2, 41).taskId("0_2").build();

        DeadLetterInfo info = DeadLetterInfo.parse(letter.headers());

        assertThat(info.convention()).isEqualTo(DeadLetterInfo.Convention.CLAYFLOW);
        assertThat(info.stage()).isEqualTo("intake.validate");
        assertThat(info.reason()).isEqualTo("email.syntax");
        assertThat(info.replayTopic()).contains("leads.raw");
        assertThat(info.originPartition()).isEqualTo(2);
        assertThat(info.originOffset()).isEqualTo(41L);
        assertThat(info.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(info.exceptionMessage()).contains("not an address");
        assertThat(info.replayOf()).isNull();
    }

    @Test
    void readsKafkaConnectsConvention() {
        Headers headers = new RecordHeaders();
        headers.add("__connect.errors.topic", bytes("leads.clay.outbox"));
        headers.add("__connect.errors.partition", bytes("0"));
        headers.add("__connect.errors.offset", bytes("1234"));
        headers.add("__connect.errors.connector.name", bytes("clay-webhook-sink"));
        headers.add("__connect.errors.task.id", bytes("0"));
        headers.add("__connect.errors.stage", bytes("TASK_PUT"));
        headers.add("__connect.errors.class.name", bytes("org.apache.kafka.connect.sink.SinkTask"));
        headers.add("__connect.errors.exception.class.name", bytes("org.apache.kafka.connect.errors.DataException"));
        headers.add("__connect.errors.exception.message", bytes("Clay refused the row (HTTP 400)"));

        DeadLetterInfo info = DeadLetterInfo.parse(headers);

        assertThat(info.convention()).isEqualTo(DeadLetterInfo.Convention.CONNECT);
        assertThat(info.stage()).isEqualTo("connect.clay-webhook-sink.task_put");
        assertThat(info.reason()).isEqualTo("DataException");
        assertThat(info.replayTopic()).contains("leads.clay.outbox");
        assertThat(info.originPartition()).isZero();
        assertThat(info.originOffset()).isEqualTo(1234L);
        assertThat(info.exceptionMessage()).isEqualTo("Clay refused the row (HTTP 400)");
    }

    @Test
    void aRecordWithoutErrorHeadersIsUnknownAndCannotBeReplayed() {
        Headers headers = new RecordHeaders();
        headers.add("__connect.errors.partition", bytes("not a number"));

        DeadLetterInfo info = DeadLetterInfo.parse(new RecordHeaders());

        assertThat(info.convention()).isEqualTo(DeadLetterInfo.Convention.UNKNOWN);
        assertThat(info.stage()).isEqualTo("unknown");
        assertThat(info.replayTopic()).isEmpty();
        assertThat(DeadLetterInfo.parse(headers).originPartition()).as("a bad number is no number").isNull();
    }

    @ParameterizedTest(name = "{0} is an error header: {1}")
    @CsvSource({"clayflow.errors.reason, true", "__connect.errors.stage, true", "clayflow.replay.of, true",
            "clayflow.replay.at, true", "trace-id, false", "clayflow.tenant, false"})
    void knowsWhichHeadersAreErrorHeaders(String name, boolean error) {
        assertThat(DeadLetterInfo.isErrorHeader(name)).isEqualTo(error);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
