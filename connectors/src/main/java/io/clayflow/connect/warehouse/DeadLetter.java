package io.clayflow.connect.warehouse;

import java.util.Objects;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record the warehouse cannot take, with the reason that goes into its dead letter's headers. */
public record DeadLetter(SinkRecord record, Exception reason) {

    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }
}
