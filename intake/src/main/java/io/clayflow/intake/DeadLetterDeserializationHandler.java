package io.clayflow.intake;

import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import io.clayflow.streams.DecodeFailure;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that does not decode (wrong magic byte, unknown schema id, truncated or garbage bytes) to the
 * dead-letter topic with its original bytes and headers, and lets the app go on: a poison record never stops
 * intake. A registry that cannot be reached is not the record's fault: then the task fails, Streams replaces the
 * thread and the record is read again, rather than dead-lettering every record during an outage.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    public static final String STAGE = "intake.decode";
    public static final String MAGIC_BYTE = DecodeFailure.MAGIC_BYTE;
    public static final String UNKNOWN_SCHEMA_ID = DecodeFailure.UNKNOWN_SCHEMA_ID;
    public static final String TRUNCATED = DecodeFailure.TRUNCATED;
    public static final String INVALID = DecodeFailure.INVALID;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic = Topics.LEADS_DLQ;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic != null && !topic.toString().isBlank()) {
            deadLetterTopic = topic.toString();
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (DecodeFailure.registryUnavailable(exception)) {
            LOG.error("Record {}-{}@{} could not be decoded because the schema registry is unavailable; failing the "
                    + "task so it is read again: {}", record.topic(), record.partition(), record.offset(),
                    exception.getMessage());
            return Response.fail();
        }
        String reason = reason(exception);
        LOG.warn("Dead-lettering undecodable record {}-{}@{} to {} ({}): {}", record.topic(), record.partition(),
                record.offset(), deadLetterTopic, reason, exception.getMessage());
        return Response.resume(List.of(DeadLetter.to(deadLetterTopic)
                .original(record.key(), record.value(), record.headers())
                .timestamp(record.timestamp())
                .stage(STAGE)
                .reason(reason)
                .exception(exception, INVALID.equals(reason))
                .origin(record.topic(), record.partition(), record.offset())
                .taskId(context.taskId() == null ? null : context.taskId().toString())
                .build()));
    }

    static String reason(Throwable exception) {
        return DecodeFailure.reason(exception);
    }
}
