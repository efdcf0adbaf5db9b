package io.clayflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import io.clayflow.streams.DecodeFailure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

/** Records routing cannot read land in leads.dlq as they came, with the reason; routing goes on. */
class RoutingDeadLetterTopologyTest {

    private RoutingDriver routing;

    @BeforeEach
    void start() {
        routing = RoutingDriver.withDefaultRules();
    }

    @AfterEach
    void stop() {
        routing.close();
    }

    static Stream<Arguments> poison() {
        return Stream.of(
                Arguments.of("wrong magic byte", (Poison) valid -> {
                    byte[] bytes = valid.clone();
                    bytes[0] = 1;
                    return bytes;
                }, DecodeFailure.MAGIC_BYTE.reason()),
                Arguments.of("unknown schema id", (Poison) valid -> {
                    byte[] bytes = valid.clone();
                    bytes[3] = 0x7f;
                    return bytes;
                }, DecodeFailure.UNKNOWN_SCHEMA_ID.reason()),
                Arguments.of("shorter than the header", (Poison) valid -> new byte[] {0, 0},
                        DecodeFailure.TRUNCATED.reason()),
                Arguments.of("Avro body cut short", (Poison) valid -> Arrays.copyOf(valid, valid.length - 10),
                        DecodeFailure.TRUNCATED.reason()),
                Arguments.of("JSON instead of Avro", (Poison) valid ->
                        "{\"lead_id\":\"x\"}".getBytes(StandardCharsets.UTF_8), DecodeFailure.MAGIC_BYTE.reason()));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("poison")
    void undecodableRecordIsDeadLetteredWithItsBytesAndTheNextLeadStillFlows(String what, Poison poison,
                                                                             String reason) {
        byte[] value = poison.of(routing.bytesOf(EnrichedLeads.lead("lead-0", 90).build()));
        byte[] key = "upstream-key".getBytes(StandardCharsets.UTF_8);
        Headers original = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        routing.enrichedBytes.pipeInput(new TestRecord<>(key, value, original));
        routing.send(EnrichedLeads.lead("lead-1", 90).build());

        TestRecord<byte[], byte[]> deadLetter = routing.dlq.readRecord();
        assertThat(deadLetter.key()).isEqualTo(key);
        assertThat(deadLetter.value()).isEqualTo(value);
        Headers headers = deadLetter.headers();
        assertThat(DeadLetter.header(headers, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.STAGE)).isEqualTo(Stage.ROUTING_DECODE.wireName());
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.REASON)).isEqualTo(reason);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME)).startsWith("io.clayflow.schemas.serde.");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.LEADS_ENRICHED);
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(DeadLetter.header(headers, DeadLetterHeaders.TASK_ID)).isEqualTo("0_0");
        assertThat(routing.dlq.isEmpty()).isTrue();

        for (Route route : new Route[] {Route.CRM, Route.OUTREACH, Route.WAREHOUSE}) {
            assertThat(routing.idsOn(route)).as(route.topic()).containsExactly("lead-1");
        }
        assertThat(routing.metric("dead-lettered-total")).isEqualTo(1.0);
    }

    @Test
    void tombstoneIsDeadLetteredAsValueMissing() {
        routing.enrichedBytes.pipeInput("lead-1".getBytes(StandardCharsets.UTF_8), (byte[]) null);

        TestRecord<byte[], byte[]> deadLetter = routing.dlq.readRecord();
        assertThat(deadLetter.value()).isNull();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.STAGE))
                .isEqualTo(Stage.ROUTING_DECODE.wireName());
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo(RoutingProcessor.VALUE_MISSING);
        assertThat(routing.routes.get(Route.WAREHOUSE).isEmpty()).isTrue();
    }

    @Test
    void leadWithoutALeadIdIsDeadLetteredRatherThanRoutedUnkeyed() {
        EnrichedLead noId = EnrichedLeads.lead("", 90).build();
        byte[] bytes = routing.bytesOf(noId);

        routing.enriched.pipeInput("k", noId);

        TestRecord<byte[], byte[]> deadLetter = routing.dlq.readRecord();
        assertThat(deadLetter.value()).isEqualTo(bytes);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON))
                .isEqualTo(RoutingProcessor.LEAD_ID_MISSING);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_STACKTRACE)).isNull();
        assertThat(routing.routes.get(Route.WAREHOUSE).isEmpty()).isTrue();
    }

    /** Makes a bad record out of a good one. */
    @FunctionalInterface
    interface Poison {
        byte[] of(byte[] valid);
    }
}
