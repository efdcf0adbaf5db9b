package io.clayflow.streams;

import java.util.List;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters the source record whose processing threw: the raw bytes Streams read from the source topic, its
 * headers, and {@code clayflow.errors.*} headers. A {@link RecordRefusedException} names its stage and reason; any
 * other exception is named by the processor node it came from (clayflow's nodes are named after their stages) with
 * reason {@value #PROCESSING_FAILED} and a stack trace. The dead letter is produced in the same transaction as the
 * input's offset, so under exactly-once it is neither lost nor doubled.
 *
 * <p>Two failures are not the record's fault and fail the task instead (the transaction aborts, Streams replaces
 * the thread, the record is read again): one in a punctuation, which has no source record to keep, and a schema
 * registry that cannot be reached, which would otherwise dead-letter every record read during an outage.
 */
public class DeadLetterProcessingHandler extends DeadLetterHandler implements ProcessingExceptionHandler {

    public static final String PROCESSING_FAILED = "processing.failed";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (context.topic() == null || DecodeFailure.registryUnavailable(exception)) {
            LOG.error("Processor {} of task {} failed for a reason that is not a record's (a punctuation, or the "
                    + "registry unavailable); failing the task so its transaction aborts", context.processorNodeId(),
                    context.taskId(), exception);
            return Response.fail();
        }
        DeadLetter.Builder deadLetter = deadLetter(context)
                .original(context.sourceRawKey(), context.sourceRawValue(), context.headers())
                .timestamp(context.timestamp())
                .origin(context.topic(), context.partition(), context.offset());
        if (exception instanceof RecordRefusedException refused) {
            // Expected outcomes (an invalid lead) are counted by metrics and kept in the DLQ: a log line each would
            // flood the log on a bad import.
            LOG.debug("{}-{}@{} refused at {} ({}): {}", context.topic(), context.partition(), context.offset(),
                    refused.stage(), refused.reason(), exception.getMessage());
            deadLetter.failure(refused.stage(), refused.reason())
                    .exception(refused.detail(), refused.withStackTrace());
        } else {
            LOG.warn("Dead-lettering {}-{}@{}: processor {} failed", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), exception);
            deadLetter.failure(context.processorNodeId(), PROCESSING_FAILED).exception(exception, true);
        }
        return Response.resume(List.of(deadLetter.build()));
    }
}
