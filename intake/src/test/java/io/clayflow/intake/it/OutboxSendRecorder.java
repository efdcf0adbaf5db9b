package io.clayflow.intake.it;

import io.clayflow.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A test-only producer interceptor for the intake app's producers ({@code streams.producer.interceptor.classes}):
 * records, for every record sent to {@code leads.clay.outbox}, the record's timestamp (the wall-clock time the
 * throttle's punctuation charged the release to: it forwards with that {@code now}), the wall-clock time of the
 * {@code send} (read here, by the test, when the record reaches the producer: after the sink serialized it) and, once
 * the broker acks it, the broker's append time (the outbox is a {@code LogAppendTime} topic, so the ack carries it).
 * State is static because Kafka creates the interceptor; one test class per JVM uses it.
 */
public class OutboxSendRecorder implements ProducerInterceptor<byte[], byte[]> {

    /** The release time the throttle stamped on each outbox record (its punctuation's wall clock), in send order. */
    static final List<Long> DECIDED_AT = new CopyOnWriteArrayList<>();
    /** Wall-clock ms of each {@code send} to the outbox, in call order. */
    static final List<Long> SENT_AT = new CopyOnWriteArrayList<>();
    /** Broker append time of each acked outbox record, by "partition:offset". */
    static final Map<String, Long> APPENDED_AT = new ConcurrentHashMap<>();
    /** Outbox sends the broker refused (an aborted or failed send), so the test can tell. */
    static final List<String> FAILED = new CopyOnWriteArrayList<>();

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (Topics.LEADS_CLAY_OUTBOX.equals(record.topic())) {
            SENT_AT.add(System.currentTimeMillis());
            DECIDED_AT.add(record.timestamp());
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (metadata == null || !Topics.LEADS_CLAY_OUTBOX.equals(metadata.topic())) {
            return;
        }
        if (exception != null) {
            FAILED.add(exception.toString());
        } else {
            APPENDED_AT.put(metadata.partition() + ":" + metadata.offset(), metadata.timestamp());
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
