package io.clayflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.streams.DeadLetter;
import io.clayflow.streams.DeadLetterProcessingHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The handlers' decisions for the cases the topology tests cannot provoke. */
class DeadLetterHandlersTest {

    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {0, 0, 0, 0, 1, 42};

    @Test
    void unexpectedProcessingFailureIsDeadLetteredNamingItsProcessorWithATrace() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "custom.dlq"));

        ProcessingExceptionHandler.Response response = handler.handleError(
                context("clayflow-intake-intake-dedupe-repartition", "intake.dedupe"), null,
                new IllegalStateException("store closed"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> deadLetter = response.deadLetterQueueRecords().get(0);
        assertThat(deadLetter.topic()).isEqualTo("custom.dlq");
        assertThat(deadLetter.key()).isEqualTo(KEY);
        assertThat(deadLetter.value()).isEqualTo(VALUE);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.STAGE)).isEqualTo("intake.dedupe");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON))
                .isEqualTo(DeadLetterProcessingHandler.PROCESSING_FAILED);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_STACKTRACE))
                .contains("IllegalStateException: store closed");
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.TASK_ID)).isEqualTo("1_0");
    }

    @Test
    void failureInAPunctuationFailsTheTaskRatherThanDroppingAnything() {
        ProcessingExceptionHandler.Response response = new DeadLetterProcessingHandler()
                .handleError(context(null, "intake.throttle"), null, new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void unreachableRegistryFailsTheTaskSoTheRecordIsReadAgain() {
        SerializationException outage = new SerializationException("Could not fetch schema id 1",
                new SchemaRegistryException("Connection refused", 503, -1));

        DeserializationExceptionHandler.Response response = new IntakeDecodeHandler()
                .handleError(context("leads.raw", "intake.source"), consumerRecord(), outage);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void replayedDeadLetterThatFailsAgainCarriesOnlyItsNewReason() {
        Headers headers = new RecordHeaders()
                .add(DeadLetterHeaders.REASON, "email.syntax".getBytes(StandardCharsets.UTF_8))
                .add("traceparent", "t".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> deadLetter = DeadLetter.to("leads.dlq").original(KEY, VALUE, headers)
                .failure("intake.validate", "identity.missing").build();

        assertThat(deadLetter.headers().headers(DeadLetterHeaders.REASON)).hasSize(1);
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetterHeaders.REASON)).isEqualTo("identity.missing");
        assertThat(DeadLetter.header(deadLetter.headers(), "traceparent")).isEqualTo("t");
    }

    private static ConsumerRecord<byte[], byte[]> consumerRecord() {
        return new ConsumerRecord<>("leads.raw", 0, 7L, KEY, VALUE);
    }

    private static ErrorHandlerContext context(String topic, String node) {
        return new ErrorHandlerContext() {
            public String topic() {
                return topic;
            }

            public int partition() {
                return topic == null ? -1 : 0;
            }

            public long offset() {
                return topic == null ? -1 : 7;
            }

            public Headers headers() {
                return new RecordHeaders();
            }

            public String processorNodeId() {
                return node;
            }

            public TaskId taskId() {
                return new TaskId(1, 0);
            }

            public long timestamp() {
                return 1_000L;
            }

            public byte[] sourceRawKey() {
                return topic == null ? null : KEY;
            }

            public byte[] sourceRawValue() {
                return topic == null ? null : VALUE;
            }
        };
    }
}
