package io.clayflow.status;

import io.clayflow.schemas.ClaySinkState;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Why each Clay sink connector is not sending, while it is not: the pause records of the sink's state topic
 * ({@link ClaySinkState#pauseKey}, e.g. {@code tables-full: no Clay table can take a row: ...}); a tombstone means it
 * sends again.
 */
final class ClaySinkPauses {

    private final Map<String, String> byConnector = new TreeMap<>();

    void add(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        Optional<String> connector = ClaySinkState.pausedConnector(new String(key, StandardCharsets.UTF_8));
        if (connector.isEmpty()) {
            return;
        }
        if (value == null) {
            byConnector.remove(connector.get());
        } else {
            byConnector.put(connector.get(), new String(value, StandardCharsets.UTF_8));
        }
    }

    /** Per paused connector, the reason it gave. */
    Map<String, String> byConnector() {
        return Map.copyOf(byConnector);
    }
}
