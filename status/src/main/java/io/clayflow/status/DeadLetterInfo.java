package io.clayflow.status;

import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_CONNECTOR_NAME;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_EXCEPTION_CLASS;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_EXCEPTION_MESSAGE;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_OFFSET;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_PARTITION;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_STAGE;
import static io.clayflow.schemas.DeadLetterHeaders.CONNECT_TOPIC;

import io.clayflow.schemas.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * What a dead letter's headers say, whichever convention wrote them: intake's {@code clayflow.errors.*} or Kafka
 * Connect's {@code __connect.errors.*} (a sink's {@code errors.deadletterqueue.*} with context headers on), both
 * named in {@link DeadLetterHeaders}. Connect names no reason, so the exception's simple class name stands in for one,
 * and its stage becomes {@code connect.<connector>.<stage>} (e.g. {@code connect.clay-webhook-sink.task_put}).
 */
public record DeadLetterInfo(Convention convention, String stage, String reason, String originTopic,
        Integer originPartition, Long originOffset, String exceptionClass, String exceptionMessage, String replayOf) {

    /** Which convention wrote the headers. */
    public enum Convention { CLAYFLOW, CONNECT, UNKNOWN }

    /** @deprecated use {@link DeadLetterHeaders#REPLAY_OF}; kept for the dlq commands until they move. */
    @Deprecated
    public static final String REPLAY_OF = DeadLetterHeaders.REPLAY_OF;
    /** @deprecated use {@link DeadLetterHeaders#REPLAY_AT}; kept for the dlq commands until they move. */
    @Deprecated
    public static final String REPLAY_AT = DeadLetterHeaders.REPLAY_AT;

    /** The stage or reason of a dead letter whose headers name none. */
    public static final String UNKNOWN = "unknown";

    /** Reads the headers of a record from a dead-letter topic. */
    public static DeadLetterInfo parse(Headers headers) {
        String replayOf = header(headers, DeadLetterHeaders.REPLAY_OF);
        if (headers.lastHeader(DeadLetterHeaders.STAGE) != null || headers.lastHeader(DeadLetterHeaders.REASON) != null) {
            return new DeadLetterInfo(Convention.CLAYFLOW, orUnknown(header(headers, DeadLetterHeaders.STAGE)),
                    orUnknown(header(headers, DeadLetterHeaders.REASON)), header(headers, DeadLetterHeaders.TOPIC),
                    number(header(headers, DeadLetterHeaders.PARTITION), Integer::valueOf),
                    number(header(headers, DeadLetterHeaders.OFFSET), Long::valueOf),
                    header(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME),
                    header(headers, DeadLetterHeaders.EXCEPTION_MESSAGE), replayOf);
        }
        if (headers.lastHeader(CONNECT_STAGE) != null || headers.lastHeader(CONNECT_TOPIC) != null) {
            String stage = "connect." + orUnknown(header(headers, CONNECT_CONNECTOR_NAME)) + "."
                    + orUnknown(header(headers, CONNECT_STAGE)).toLowerCase(Locale.ROOT);
            String exceptionClass = header(headers, CONNECT_EXCEPTION_CLASS);
            return new DeadLetterInfo(Convention.CONNECT, stage,
                    exceptionClass == null ? UNKNOWN : simpleName(exceptionClass), header(headers, CONNECT_TOPIC),
                    number(header(headers, CONNECT_PARTITION), Integer::valueOf),
                    number(header(headers, CONNECT_OFFSET), Long::valueOf), exceptionClass,
                    header(headers, CONNECT_EXCEPTION_MESSAGE), replayOf);
        }
        return new DeadLetterInfo(Convention.UNKNOWN, UNKNOWN, UNKNOWN, null, null, null, null, null, replayOf);
    }

    /** The topic to send the record back to, when the headers name one. */
    public Optional<String> replayTopic() {
        return Optional.ofNullable(originTopic).filter(topic -> !topic.isBlank());
    }

    /** Whether a header belongs to either dead-letter convention (and so must not travel with a replayed record). */
    public static boolean isErrorHeader(String name) {
        return name.startsWith(DeadLetterHeaders.PREFIX) || name.startsWith(DeadLetterHeaders.CONNECT_PREFIX)
                || name.equals(DeadLetterHeaders.REPLAY_OF) || name.equals(DeadLetterHeaders.REPLAY_AT);
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

    /** A header's number, or null when absent or not a number (a dead letter is read, never refused). */
    private static <T extends Number> T number(String value, Function<String, T> parse) {
        try {
            return value == null ? null : parse.apply(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
