package io.clayflow.connect.sink;

import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record its sink cannot deliver, with the reason that goes into its dead letter's headers. */
public record RefusedRecord(SinkRecord record, Exception reason) {

    public RefusedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }
}
