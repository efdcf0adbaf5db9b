package io.clayflow.intake;

import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters the source record whose processing threw: the raw bytes Streams read from the source topic, its
 * headers, and {@code clayflow.errors.*} headers. A {@link LeadRejectedException} names its stage and rule; any
 * other exception is named by the processor node it came from (intake's nodes are named after their stages) with
 * reason {@code processing.failed}. The dead letter is produced in the same transaction as the input's offset, so
 * under exactly-once it is neither lost nor doubled. A failure in a punctuation has no source record to keep, so
 * it fails the task instead: the transaction aborts and the state it touched rolls back.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    public static final String PROCESSING_FAILED = "processing.failed";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic = Topics.LEADS_DLQ;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic != null && !topic.toString().isBlank()) {
            deadLetterTopic = topic.toString();
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null) {
            LOG.error("Processor {} of task {} failed outside of any input record (in a punctuation); failing the "
                    + "task so its transaction aborts", context.processorNodeId(), context.taskId(), exception);
            return Response.fail();
        }
        String stage;
        String reason;
        boolean unexpected;
        if (exception instanceof LeadRejectedException rejected) {
            stage = rejected.stage();
            reason = rejected.rule();
            unexpected = false;
            LOG.debug("Lead {}-{}@{} rejected at {} ({}): {}", context.topic(), context.partition(), context.offset(),
                    stage, reason, exception.getMessage());
        } else {
            stage = context.processorNodeId();
            reason = PROCESSING_FAILED;
            unexpected = true;
            LOG.warn("Dead-lettering record {}-{}@{}: processor {} failed", context.topic(), context.partition(),
                    context.offset(), stage, exception);
        }
        return Response.resume(List.of(DeadLetter.to(deadLetterTopic)
                .original(context.sourceRawKey(), context.sourceRawValue(), context.headers())
                .timestamp(context.timestamp())
                .stage(stage)
                .reason(reason)
                .exception(exception, unexpected)
                .origin(context.topic(), context.partition(), context.offset())
                .taskId(context.taskId() == null ? null : context.taskId().toString())
                .build()));
    }
}
