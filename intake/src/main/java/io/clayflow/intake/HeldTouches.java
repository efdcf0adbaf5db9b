package io.clayflow.intake;

import io.clayflow.schemas.Lead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Repeat touches waiting for their person's enrichment, in a changelogged key-value store. Keys are
 * {@code <lead_id>/<held at, wall-clock ms>/<offset>}, zero-padded, so a prefix scan returns a person's touches in
 * the order they were held; the offset (of the touch in the dedupe repartition topic, unique in the task) keeps
 * two touches held in the same millisecond apart.
 */
final class HeldTouches {

    /** A held touch with its key. */
    record Held(String key, String leadId, long heldAtMs, long offset, Lead touch) {
    }

    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Lead> store;

    HeldTouches(KeyValueStore<String, Lead> store) {
        this.store = store;
    }

    void hold(String leadId, long heldAtMs, long offset, Lead touch) {
        store.put(key(leadId, heldAtMs, offset), touch);
    }

    /** Removes and returns a person's held touches, oldest first. */
    List<Lead> takeAll(String leadId) {
        List<String> keys = new ArrayList<>();
        List<Lead> touches = new ArrayList<>();
        try (KeyValueIterator<String, Lead> held = store.prefixScan(leadId + "/", KEYS)) {
            while (held.hasNext()) {
                KeyValue<String, Lead> next = held.next();
                keys.add(next.key);
                touches.add(next.value);
            }
        }
        keys.forEach(store::delete);
        return touches;
    }

    /** Every held touch held at or before {@code heldBeforeMs}, grouped by person, oldest first. */
    Map<String, List<Held>> heldSince(long heldBeforeMs) {
        Map<String, List<Held>> byPerson = new LinkedHashMap<>();
        try (KeyValueIterator<String, Lead> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Lead> next = all.next();
                String[] parts = next.key.split("/");
                long heldAt = Long.parseLong(parts[1]);
                if (heldAt <= heldBeforeMs) {
                    byPerson.computeIfAbsent(parts[0], id -> new ArrayList<>())
                            .add(new Held(next.key, parts[0], heldAt, Long.parseLong(parts[2]), next.value));
                }
            }
        }
        return byPerson;
    }

    void remove(Held held) {
        store.delete(held.key());
    }

    long size() {
        return store.approximateNumEntries();
    }

    private static String key(String leadId, long heldAtMs, long offset) {
        return String.format("%s/%019d/%019d", leadId, heldAtMs, offset);
    }
}
