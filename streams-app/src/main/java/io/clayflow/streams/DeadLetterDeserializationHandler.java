package io.clayflow.streams;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that does not decode (wrong magic byte, unknown schema id, truncated or garbage bytes) to the
 * dead-letter topic with its original bytes and headers, the {@link DecodeFailure} reason and the app's decode
 * stage, and lets the app go on: a poison record never stops it. A registry that cannot be reached is not the
 * record's fault: then the task fails, Streams replaces the thread and the record is read again, rather than
 * dead-lettering every record during an outage. Each app names its decode stage in a subclass.
 */
public abstract class DeadLetterDeserializationHandler extends DeadLetterHandler
        implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    /** The stage a dead letter of this app's undecodable records names, e.g. {@code intake.decode}. */
    protected abstract String stage();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (DecodeFailure.registryUnavailable(exception)) {
            LOG.error("Record {}-{}@{} could not be decoded because the schema registry is unavailable; failing the "
                    + "task so it is read again: {}", record.topic(), record.partition(), record.offset(),
                    exception.getMessage());
            return Response.fail();
        }
        DecodeFailure failure = DecodeFailure.of(exception);
        LOG.warn("Dead-lettering undecodable record {}-{}@{} to {} ({}): {}", record.topic(), record.partition(),
                record.offset(), deadLetterTopic(), failure.reason(), exception.getMessage());
        return Response.resume(List.of(deadLetter(context)
                .original(record.key(), record.value(), record.headers())
                .timestamp(record.timestamp())
                .origin(record.topic(), record.partition(), record.offset())
                .failure(stage(), failure.reason())
                .exception(exception, failure == DecodeFailure.INVALID)
                .build()));
    }
}
