package io.clayflow.connect.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/** A put's records as its sink receives them: the values that decoded, in order, and the records refused. */
public record DecodedPut<T>(List<Value<T>> values, List<RefusedRecord> refused) {

    public DecodedPut {
        values = List.copyOf(values);
        refused = List.copyOf(refused);
    }

    /** A record and its decoded value. */
    public record Value<T>(SinkRecord record, T value) {
    }

    /** Every record with a value, decoded or refused: what a put that must be written again hands back. */
    public List<SinkRecord> records() {
        List<SinkRecord> records = new ArrayList<>(values.size() + refused.size());
        values.forEach(value -> records.add(value.record()));
        refused.forEach(refusal -> records.add(refusal.record()));
        return records;
    }
}
