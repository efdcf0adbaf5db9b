package io.clayflow.topology.intake;

import io.clayflow.schemas.Topics;
import io.clayflow.schemas.registry.SchemaRegistryException;
import io.clayflow.schemas.serde.TruncatedPayloadException;
import io.clayflow.schemas.serde.UnknownMagicByteException;
import io.clayflow.schemas.serde.UnknownSchemaIdException;
import io.clayflow.topology.DeadLetter;
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
    public static final String MAGIC_BYTE = "decode.magic_byte";
    public static final String UNKNOWN_SCHEMA_ID = "decode.unknown_schema_id";
    public static final String TRUNCATED = "decode.truncated";
    public static final String INVALID = "decode.invalid";

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
        if (registryUnavailable(exception)) {
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
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof UnknownMagicByteException) {
                return MAGIC_BYTE;
            }
            if (t instanceof UnknownSchemaIdException) {
                return UNKNOWN_SCHEMA_ID;
            }
            if (t instanceof TruncatedPayloadException) {
                return TRUNCATED;
            }
        }
        return INVALID;
    }

    private static boolean registryUnavailable(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException sre) {
                return sre.isRetryable();
            }
        }
        return false;
    }
}
