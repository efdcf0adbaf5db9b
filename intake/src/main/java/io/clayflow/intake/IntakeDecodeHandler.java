package io.clayflow.intake;

import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.streams.DeadLetterDeserializationHandler;
import io.clayflow.streams.DecodeFailure;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters a {@code leads.raw} record that does not decode, at stage {@code intake.decode}. An undecodable
 * {@code leads.enriched} record (read for the enrichment cache) is skipped with a warning, not dead-lettered: the
 * routing app, the topic's consumer of record, dead-letters it at {@code routing.decode}, and one dead letter per
 * bad record is enough. A registry outage still fails the task either way.
 */
public class IntakeDecodeHandler extends DeadLetterDeserializationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeDecodeHandler.class);

    @Override
    protected String stage() {
        return Stage.INTAKE_DECODE.wireName();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (Topics.LEADS_ENRICHED.equals(record.topic()) && !DecodeFailure.registryUnavailable(exception)) {
            LOG.warn("Skipping undecodable {}-{}@{} for the enrichment cache (routing dead-letters it): {}",
                    record.topic(), record.partition(), record.offset(), exception.getMessage());
            return Response.resume(List.of());
        }
        return super.handleError(context, record, exception);
    }
}
