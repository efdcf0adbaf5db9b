package io.clayflow.connect.clay;

import java.util.HashMap;
import java.util.Map;

/** The sink's state store as a map: what a restarted task would load is what was saved. */
final class InMemoryStateStore implements SinkStateStore {

    final Map<String, String> entries = new HashMap<>();
    int saves;

    @Override
    public Map<String, String> load() {
        return Map.copyOf(entries);
    }

    @Override
    public void save(Map<String, String> changed) {
        saves++;
        changed.forEach((key, value) -> {
            if (value == null) {
                entries.remove(key);
            } else {
                entries.put(key, value);
            }
        });
    }

    @Override
    public void close() {
    }
}
