package io.clayflow.connect.clay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The sink's state store, with a way to make several records' saves one write: what Clay took is recorded per
 * partition (with the ledger's sent records), per table and per webhook (and a pause ends) in one Kafka transaction
 * per request instead of one each, which matters at one row per request. Outside {@link #inOneWrite} a save is
 * written at once, as before.
 */
final class StateWriteBatch implements SinkStateStore {

    private final SinkStateStore store;
    private Map<String, String> pending;
    private List<ProducerRecord<String, byte[]>> pendingAlongside;

    StateWriteBatch(SinkStateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Runs {@code saves}, then writes every entry they saved in one write; nothing is written if they throw. */
    void inOneWrite(Runnable saves) {
        pending = new HashMap<>();
        pendingAlongside = new ArrayList<>();
        Map<String, String> collected;
        List<ProducerRecord<String, byte[]>> alongside;
        try {
            saves.run();
        } finally {
            collected = pending;
            alongside = pendingAlongside;
            pending = null;
            pendingAlongside = null;
        }
        if (!collected.isEmpty() || !alongside.isEmpty()) {
            store.save(collected, alongside);
        }
    }

    @Override
    public Map<String, String> load() {
        return store.load();
    }

    @Override
    public void save(Map<String, String> entries) {
        if (pending != null) {
            pending.putAll(entries);
        } else {
            store.save(entries);
        }
    }

    @Override
    public void save(Map<String, String> entries, List<ProducerRecord<String, byte[]>> alongside) {
        if (pending != null) {
            pending.putAll(entries);
            pendingAlongside.addAll(alongside);
        } else {
            store.save(entries, alongside);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
