package io.clayflow.schemas.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Schemas by registry and id. A registry never changes the schema behind an id, so one cache for the whole
 * process is always right and saves every serde instance (Streams makes one per task) its own fetch.
 */
final class SchemaCache {

    private static final SchemaCache SHARED = new SchemaCache();

    private final ConcurrentMap<String, Schema> schemas = new ConcurrentHashMap<>();

    static SchemaCache shared() {
        return SHARED;
    }

    Schema get(String key) {
        return schemas.get(key);
    }

    void put(String key, Schema schema) {
        schemas.put(key, schema);
    }

    /** Stores the schema unless one is there, and returns the one that is. */
    Schema putIfAbsent(String key, Schema schema) {
        Schema previous = schemas.putIfAbsent(key, schema);
        return previous != null ? previous : schema;
    }

    int size() {
        return schemas.size();
    }
}
