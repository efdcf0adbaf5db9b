package io.clayflow.connect.clay;

import java.util.Map;

/**
 * What the Clay sink must remember across restarts, outside Connect's offsets: submissions per webhook and, per
 * outbox partition, the rows Clay took. A small string map, written before the task moves on.
 */
interface SinkStateStore extends AutoCloseable {

    /** Every stored entry. */
    Map<String, String> load();

    /** Stores the entries (a null value removes its key); returns once all of them are durable. */
    void save(Map<String, String> entries);

    @Override
    void close();
}
