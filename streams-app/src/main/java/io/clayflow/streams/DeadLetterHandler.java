package io.clayflow.streams;

import io.clayflow.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What clayflow's Streams error handlers share: the dead-letter topic Streams is configured with (clayflow sets
 * {@code leads.dlq}), and a dead letter already naming the task that wrote it.
 */
abstract class DeadLetterHandler implements Configurable {

    private String deadLetterTopic = Topics.LEADS_DLQ;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic != null && !topic.toString().isBlank()) {
            deadLetterTopic = topic.toString();
        }
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    DeadLetter.Builder deadLetter(ErrorHandlerContext context) {
        return DeadLetter.to(deadLetterTopic).taskId(context.taskId() == null ? null : context.taskId().toString());
    }
}
