package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import io.clayflow.streams.DecodeFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Records that cannot be read, and records that break a rule, land in leads.dlq as they came; intake goes on. */
class DeadLetterTopologyTest {

    private IntakeDriver intake;

    @BeforeEach
    void start() {
        intake = IntakeDriver.start();
    }

    @AfterEach
    void stop() {
        intake.close();
    }

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("wrong magic byte", new byte[] {1, 0, 0, 0, 1, 2, 3},
                        DecodeFailure.MAGIC_BYTE.reason()),
                Arguments.of("unknown schema id", new byte[] {0, 0, 0, 0x7f, 0x7f, 2, 3},
                        DecodeFailure.UNKNOWN_SCHEMA_ID.reason()),
                Arguments.of("shorter than the header", new byte[] {0, 0},
                        DecodeFailure.TRUNCATED.reason()),
                Arguments.of("JSON instead of Avro", "{\"email\":\"jane@acme.com\"}".getBytes(StandardCharsets.UTF_8),
                        DecodeFailure.MAGIC_BYTE.reason()));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("poison")
    void undecodableRecordIsDeadLetteredWithItsBytesAndTheNextRecordStillFlows(String what, byte[] value,
                                                                               String reason) {
        intake.close();
        intake = IntakeDriver.startAtLeastOnce(); // see its doc: a TopologyTestDriver quirk, not intake's
        Headers original = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        byte[] key = "upstream-key".getBytes(StandardCharsets.UTF_8);
        intake.rawBytes.pipeInput(new TestRecord<>(key, value, original, IntakeDriver.START));
        intake.send(TestLeads.jane().build());
        intake.advanceWallClock(Duration.ofMillis(100), 1);

        List<TestRecord<byte[], byte[]>> deadLetters = intake.dlq.readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        TestRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(deadLetter.value()).isEqualTo(value);
        Headers headers = deadLetter.headers();
        assertThat(DeadLetter.header(headers, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.STAGE)).isEqualTo(Stage.INTAKE_DECODE.wireName());
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME)).startsWith("io.clayflow.schemas.serde.");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_RAW);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.OFFSET)).isEqualTo("0");

        assertThat(intake.outbox.readValuesToList()).extracting(Lead::getEmail).containsExactly("jane.doe@acme.com");
    }

    @Test
    void invalidLeadIsDeadLetteredWithItsOriginalBytesRuleAndOrigin() {
        Lead invalid = TestLeads.jane().setEmail("  not-an-email ").build();
        byte[] originalBytes = intake.bytesOf(invalid);
        Headers original = new RecordHeaders().add("origin", "crm".getBytes(StandardCharsets.UTF_8));
        intake.send(TestLeads.person(1));
        intake.raw.pipeInput(new TestRecord<>("k-2", invalid, original, IntakeDriver.START));

        TestRecord<byte[], byte[]> deadLetter = intake.dlq.readRecord();
        assertThat(deadLetter.key()).isEqualTo("k-2".getBytes(StandardCharsets.UTF_8));
        assertThat(deadLetter.value()).isEqualTo(originalBytes);
        assertThat(ByteBuffer.wrap(deadLetter.value()).get()).isZero();
        Headers headers = deadLetter.headers();
        assertThat(DeadLetter.header(headers, "origin")).isEqualTo("crm");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.STAGE)).isEqualTo("intake.validate");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.REASON)).isEqualTo(LeadValidator.EMAIL_SYNTAX);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME))
                .isEqualTo(LeadRejectedException.class.getName());
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("not-an-email");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE)).isNull();
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_RAW);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.OFFSET)).isEqualTo("1");
        assertThat(intake.dlq.isEmpty()).isTrue();
    }

    @Test
    void tombstoneIsDeadLetteredAsValueMissing() {
        intake.rawBytes.pipeInput("k".getBytes(StandardCharsets.UTF_8), null, IntakeDriver.START);

        TestRecord<byte[], byte[]> deadLetter = intake.dlq.readRecord();
        assertThat(deadLetter.value()).isNull();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo(LeadValidator.VALUE_MISSING);
    }
}
