package io.clayflow.connect.clay;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the Clay sink must remember across restarts, outside Connect's offsets: submissions per webhook and, per
 * outbox partition, the rows Clay took. A small string map, written before the task moves on.
 */
interface SinkStateStore extends AutoCloseable {

    /** Every stored entry. */
    Map<String, String> load();

    /** Stores the entries (a null value removes its key); returns once all of them are durable. */
    void save(Map<String, String> entries);

    /**
     * Stores the entries and writes {@code alongside} (records of other topics) atomically with them: all of them
     * become durable, or none. A store that cannot do that refuses records alongside.
     */
    default void save(Map<String, String> entries, List<ProducerRecord<String, byte[]>> alongside) {
        if (!alongside.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no other records");
        }
        save(entries);
    }

    @Override
    void close();
}
