package io.clayflow.cli.dlq;

import io.clayflow.status.DeadLetterInfo;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/** One record read from a dead-letter topic: where it sits, its original key, value and headers, what they say. */
public record DeadLetterEntry(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
        Headers headers, DeadLetterInfo info) {

    /** The dead letter's address, {@code <topic>/<partition>/<offset>}: what the replay log is keyed by. */
    public String address() {
        return topic + "/" + partition + "/" + offset;
    }
}
