package io.clayflow.connect.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.errors.DataException;
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

    /** Turns a decoded value into what the sink delivers, or refuses it with a {@link DataException} saying why. */
    @FunctionalInterface
    public interface ValueMapper<T, R> {
        R map(SinkRecord record, T value);
    }

    /** What a sink delivers of a put, in order, and the records it cannot deliver, with their reasons. */
    public record Mapped<R>(List<R> values, List<RefusedRecord> refused) {

        public Mapped {
            values = List.copyOf(values);
            refused = List.copyOf(refused);
        }
    }

    /**
     * The values mapped for delivery, in order; refused: the records refused while decoding, then those
     * {@code mapper} refused (its {@link DataException} is the dead letter's reason).
     */
    public <R> Mapped<R> map(ValueMapper<T, R> mapper) {
        List<R> mapped = new ArrayList<>(values.size());
        List<RefusedRecord> refusedToo = new ArrayList<>(refused);
        for (Value<T> value : values) {
            try {
                mapped.add(mapper.map(value.record(), value.value()));
            } catch (DataException e) {
                refusedToo.add(new RefusedRecord(value.record(), e));
            }
        }
        return new Mapped<>(mapped, refusedToo);
    }

    /** Every record with a value, decoded or refused: what a put that must be written again hands back. */
    public List<SinkRecord> records() {
        List<SinkRecord> records = new ArrayList<>(values.size() + refused.size());
        values.forEach(value -> records.add(value.record()));
        refused.forEach(refusal -> records.add(refusal.record()));
        return records;
    }
}
