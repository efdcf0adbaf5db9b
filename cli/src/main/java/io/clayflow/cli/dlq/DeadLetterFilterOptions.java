package io.clayflow.cli.dlq;

import io.clayflow.cli.InstantConverter;
import io.clayflow.schemas.Topics;
import java.time.Instant;
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

    @Option(names = "--from", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only dead letters at or after this time: 2026-11-20T10:00:00Z, 2026-11-20, or an age (2h).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Only dead letters before this time (same forms as --from).")
    Instant to;

    public String topic() {
        return topic;
    }

    public DeadLetterFilter filter() {
        return new DeadLetterFilter(stage, reason, from, to);
    }

    /** Whether anything narrows the selection. */
    public boolean narrowed() {
        return stage != null || reason != null || from != null || to != null;
    }
}
