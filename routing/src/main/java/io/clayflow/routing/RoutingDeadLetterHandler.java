package io.clayflow.routing;

import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetter;
import io.clayflow.streams.DecodeFailure;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters the {@code leads.enriched} record the routing processor refused or failed on: its original bytes and
 * headers plus {@code clayflow.errors.*} headers, in the same transaction as the input's offset, so under
 * exactly-once it is neither lost nor doubled. A {@link LeadRoutingException} names its stage and reason; any other
 * failure is named by its processor node with reason {@code processing.failed}. A schema registry that cannot be
 * reached is not the record's fault: the task fails instead, Streams replaces the thread, and the record is read
 * again.
 */
public class RoutingDeadLetterHandler implements ProcessingExceptionHandler {

    public static final String PROCESSING_FAILED = "processing.failed";

    private static final Logger LOG = LoggerFactory.getLogger(RoutingDeadLetterHandler.class);

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
        if (context.topic() == null || DecodeFailure.registryUnavailable(exception)) {
            LOG.error("Routing task {} failed at {} for a reason that is not the record's; failing the task so the "
                    + "record is read again", context.taskId(), context.processorNodeId(), exception);
            return Response.fail();
        }
        String stage;
        String reason;
        Throwable detail;
        boolean withStackTrace;
        if (exception instanceof LeadRoutingException refused) {
            stage = refused.stage();
            reason = refused.reason();
            detail = refused.getCause() == null ? refused : refused.getCause();
            withStackTrace = DecodeFailure.INVALID.equals(reason);
            LOG.warn("Dead-lettering {}-{}@{} at {} ({}): {}", context.topic(), context.partition(), context.offset(),
                    stage, reason, exception.getMessage());
        } else {
            stage = context.processorNodeId();
            reason = PROCESSING_FAILED;
            detail = exception;
            withStackTrace = true;
            LOG.warn("Dead-lettering {}-{}@{}: processor {} failed", context.topic(), context.partition(),
                    context.offset(), stage, exception);
        }
        return Response.resume(List.of(DeadLetter.to(deadLetterTopic)
                .original(context.sourceRawKey(), context.sourceRawValue(), context.headers())
                .timestamp(context.timestamp())
                .stage(stage)
                .reason(reason)
                .exception(detail, withStackTrace)
                .origin(context.topic(), context.partition(), context.offset())
                .taskId(context.taskId() == null ? null : context.taskId().toString())
                .build()));
    }
}
