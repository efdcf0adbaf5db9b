package io.clayflow.schemas;

/**
 * The header names of a dead letter on {@link Topics#LEADS_DLQ}: clayflow's own {@code clayflow.errors.*} (UTF-8
 * strings, modelled on Kafka Connect's convention), Kafka Connect's {@code __connect.errors.*} (what a sink's
 * {@code errors.deadletterqueue.context.headers.enable} writes), and the marks a replay leaves.
 */
public final class DeadLetterHeaders {

    public static final String PREFIX = "clayflow.errors.";
    /** Where it failed: one of {@link Stage}, or a connector's stage. */
    public static final String STAGE = PREFIX + "stage";
    /** A stable, machine-readable reason: the rule that failed, e.g. {@code email.syntax}, {@code decode.magic_byte}. */
    public static final String REASON = PREFIX + "reason";
    public static final String EXCEPTION_CLASS_NAME = PREFIX + "exception.class.name";
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception.message";
    /** Only for unexpected failures, where the trace is what someone needs to fix it. */
    public static final String EXCEPTION_STACKTRACE = PREFIX + "exception.stacktrace";
    public static final String TOPIC = PREFIX + "topic";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    /** The Streams task (or Connect task) that dead-lettered the record. */
    public static final String TASK_ID = PREFIX + "task.id";

    public static final String CONNECT_PREFIX = "__connect.errors.";
    public static final String CONNECT_TOPIC = CONNECT_PREFIX + "topic";
    public static final String CONNECT_PARTITION = CONNECT_PREFIX + "partition";
    public static final String CONNECT_OFFSET = CONNECT_PREFIX + "offset";
    public static final String CONNECT_CONNECTOR_NAME = CONNECT_PREFIX + "connector.name";
    public static final String CONNECT_STAGE = CONNECT_PREFIX + "stage";
    public static final String CONNECT_EXCEPTION_CLASS = CONNECT_PREFIX + "exception.class.name";
    public static final String CONNECT_EXCEPTION_MESSAGE = CONNECT_PREFIX + "exception.message";

    /** Set on a replayed record: the dead letter it replays, as {@code <dlq topic>/<partition>/<offset>}. */
    public static final String REPLAY_OF = "clayflow.replay.of";
    /** Set on a replayed record: when it was replayed (ISO-8601). */
    public static final String REPLAY_AT = "clayflow.replay.at";

    private DeadLetterHeaders() {
    }
}
