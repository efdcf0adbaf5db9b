package io.clayflow.status;

import io.clayflow.streams.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter's headers say, whichever convention wrote them: intake's {@code clayflow.errors.*} (see
 * {@link DeadLetter}) or Kafka Connect's {@code __connect.errors.*} (a sink's {@code errors.deadletterqueue.*} with
 * context headers on). Connect names no reason, so the exception's simple class name stands in for one, and its
 * stage becomes {@code connect.<connector>.<stage>} (e.g. {@code connect.clay-webhook-sink.task_put}).
 */
public record DeadLetterInfo(Convention convention, String stage, String reason, String originTopic,
        Integer originPartition, Long originOffset, String exceptionClass, String exceptionMessage, String replayOf) {

    /** Which convention wrote the headers. */
    public enum Convention { CLAYFLOW, CONNECT, UNKNOWN }

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

    /** The stage or reason of a dead letter whose headers name none. */
    public static final String UNKNOWN = "unknown";

    /** Reads the headers of a record from a dead-letter topic. */
    public static DeadLetterInfo parse(Headers headers) {
        String replayOf = header(headers, REPLAY_OF);
        if (headers.lastHeader(DeadLetter.STAGE) != null || headers.lastHeader(DeadLetter.REASON) != null) {
            return new DeadLetterInfo(Convention.CLAYFLOW, orUnknown(header(headers, DeadLetter.STAGE)),
                    orUnknown(header(headers, DeadLetter.REASON)), header(headers, DeadLetter.TOPIC),
                    integer(header(headers, DeadLetter.PARTITION)), longValue(header(headers, DeadLetter.OFFSET)),
                    header(headers, DeadLetter.EXCEPTION_CLASS_NAME), header(headers, DeadLetter.EXCEPTION_MESSAGE),
                    replayOf);
        }
        if (headers.lastHeader(CONNECT_STAGE) != null || headers.lastHeader(CONNECT_TOPIC) != null) {
            String connector = header(headers, CONNECT_CONNECTOR_NAME);
            String stage = header(headers, CONNECT_STAGE);
            String exceptionClass = header(headers, CONNECT_EXCEPTION_CLASS);
            return new DeadLetterInfo(Convention.CONNECT,
                    "connect." + orUnknown(connector) + "." + orUnknown(stage).toLowerCase(Locale.ROOT),
                    exceptionClass == null ? UNKNOWN : simpleName(exceptionClass), header(headers, CONNECT_TOPIC),
                    integer(header(headers, CONNECT_PARTITION)), longValue(header(headers, CONNECT_OFFSET)),
                    exceptionClass, header(headers, CONNECT_EXCEPTION_MESSAGE), replayOf);
        }
        return new DeadLetterInfo(Convention.UNKNOWN, UNKNOWN, UNKNOWN, null, null, null, null, null, replayOf);
    }

    /** The topic to send the record back to, when the headers name one. */
    public Optional<String> replayTopic() {
        return Optional.ofNullable(originTopic).filter(topic -> !topic.isBlank());
    }

    /** Whether a header belongs to either dead-letter convention (and so must not travel with a replayed record). */
    public static boolean isErrorHeader(String name) {
        return name.startsWith(DeadLetter.PREFIX) || name.startsWith(CONNECT_PREFIX)
                || name.equals(REPLAY_OF) || name.equals(REPLAY_AT);
    }

    /** A header's value as UTF-8 text, or null when absent. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String value) {
        try {
            return value == null ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
