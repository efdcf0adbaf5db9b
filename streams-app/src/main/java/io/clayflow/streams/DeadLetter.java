package io.clayflow.streams;

import io.clayflow.schemas.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds a dead letter by clayflow's convention, modelled on Kafka Connect's {@code __connect.errors.*} headers: the
 * original key and value bytes untouched, the original headers kept, and the {@link DeadLetterHeaders} (UTF-8
 * strings) naming the stage, the reason, the exception and where the record came from.
 */
public final class DeadLetter {

    /**
     * @deprecated the wire contract spells these: use {@link DeadLetterHeaders}. Kept only while the status page's
     *     {@code DeadLetterInfo} still reads them here.
     */
    @Deprecated
    public static final String PREFIX = DeadLetterHeaders.PREFIX, STAGE = DeadLetterHeaders.STAGE,
            REASON = DeadLetterHeaders.REASON, EXCEPTION_CLASS_NAME = DeadLetterHeaders.EXCEPTION_CLASS_NAME,
            EXCEPTION_MESSAGE = DeadLetterHeaders.EXCEPTION_MESSAGE, TOPIC = DeadLetterHeaders.TOPIC,
            PARTITION = DeadLetterHeaders.PARTITION, OFFSET = DeadLetterHeaders.OFFSET;

    private static final int MAX_STACKTRACE_CHARS = 8 * 1024;

    private DeadLetter() {
    }

    public static Builder to(String deadLetterTopic) {
        return new Builder(deadLetterTopic);
    }

    /** The UTF-8 value of a header, or null when the record lacks it. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Builds one dead letter. */
    public static final class Builder {

        private final String topic;
        private byte[] key;
        private byte[] value;
        private Long timestamp;
        private Headers originalHeaders = new RecordHeaders();
        private String stage;
        private String reason;
        private Throwable exception;
        private boolean withStackTrace;
        private String originTopic;
        private Integer originPartition;
        private Long originOffset;
        private String taskId;

        private Builder(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
        }

        /** The original key and value, byte for byte. */
        public Builder original(byte[] key, byte[] value, Headers headers) {
            this.key = key;
            this.value = value;
            this.originalHeaders = headers == null ? new RecordHeaders() : headers;
            return this;
        }

        public Builder timestamp(long timestamp) {
            this.timestamp = timestamp < 0 ? null : timestamp;
            return this;
        }

        /**
         * Where it failed (a {@link io.clayflow.schemas.Stage}'s wire name, or a processor's name) and why (a stable,
         * machine-readable reason): every dead letter says both.
         */
        public Builder failure(String stage, String reason) {
            this.stage = Objects.requireNonNull(stage, "stage");
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public Builder exception(Throwable exception, boolean withStackTrace) {
            this.exception = exception;
            this.withStackTrace = withStackTrace;
            return this;
        }

        public Builder origin(String topic, int partition, long offset) {
            this.originTopic = topic;
            this.originPartition = partition;
            this.originOffset = offset;
            return this;
        }

        public Builder taskId(String taskId) {
            this.taskId = taskId;
            return this;
        }

        public ProducerRecord<byte[], byte[]> build() {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            RecordHeaders headers = new RecordHeaders();
            for (Header header : originalHeaders) {
                // A replayed dead letter that fails again must not carry its first failure's reason.
                if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
                    headers.add(header.key(), header.value());
                }
            }
            add(headers, DeadLetterHeaders.STAGE, stage);
            add(headers, DeadLetterHeaders.REASON, reason);
            if (exception != null) {
                add(headers, DeadLetterHeaders.EXCEPTION_CLASS_NAME, exception.getClass().getName());
                add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, exception.getMessage());
                if (withStackTrace) {
                    add(headers, DeadLetterHeaders.EXCEPTION_STACKTRACE, stackTrace(exception));
                }
            }
            add(headers, DeadLetterHeaders.TOPIC, originTopic);
            add(headers, DeadLetterHeaders.PARTITION, originPartition == null ? null : originPartition.toString());
            add(headers, DeadLetterHeaders.OFFSET, originOffset == null ? null : originOffset.toString());
            add(headers, DeadLetterHeaders.TASK_ID, taskId);
            return new ProducerRecord<>(topic, null, timestamp, key, value, headers);
        }

        private static void add(Headers headers, String name, String value) {
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }

        private static String stackTrace(Throwable exception) {
            StringWriter out = new StringWriter();
            exception.printStackTrace(new PrintWriter(out));
            String trace = out.toString();
            return trace.length() > MAX_STACKTRACE_CHARS ? trace.substring(0, MAX_STACKTRACE_CHARS) : trace;
        }
    }
}
