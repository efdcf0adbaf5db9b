package io.clayflow.cli.dlq;

import io.clayflow.cli.TimeRangeOptions;
import io.clayflow.schemas.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that select dead letters, shared by {@code dlq list}, {@code show} and {@code replay}. */
public final class DeadLetterFilterOptions {

    @Option(names = "--dlq-topic", paramLabel = "TOPIC", defaultValue = Topics.LEADS_DLQ,
            description = "The dead-letter topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "Only this stage, e.g. intake.validate, connect.clay-webhook-sink.task_put; a trailing * "
                    + "matches a prefix (intake.*).")
    String stage;

    @Option(names = "--reason", paramLabel = "REASON",
            description = "Only this reason, e.g. email.syntax, identity.missing, DataException; a trailing * "
                    + "matches a prefix (decode.*).")
    String reason;

    /** When the dead letters were written (their record timestamp); unbounded where not given. */
    @Mixin
    TimeRangeOptions range;

    public String topic() {
        return topic;
    }

    public DeadLetterFilter filter() {
        return new DeadLetterFilter(stage, reason, range.from(), range.to());
    }

    /** Whether anything narrows the selection. */
    public boolean narrowed() {
        return stage != null || reason != null || range.from() != null || range.to() != null;
    }
}
