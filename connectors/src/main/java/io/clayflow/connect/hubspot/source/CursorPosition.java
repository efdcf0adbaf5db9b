package io.clayflow.connect.hubspot.source;

import java.util.Map;

/**
 * Where the source stands in HubSpot's change order: every change at or before ({@code lastModifiedMs}, {@code id}),
 * ordered by modification time then contact id, is handled. Stored as the Connect source offset of each lead, so a
 * restart resumes right after the last lead Kafka took: nothing skipped, nothing repeated.
 */
record CursorPosition(long lastModifiedMs, long id) implements Comparable<CursorPosition> {

    static final String LAST_MODIFIED = "lastmodified";
    static final String ID = "id";

    static CursorPosition fromOffset(Map<String, Object> offset, long startFromMs) {
        if (offset == null || !(offset.get(LAST_MODIFIED) instanceof Number modified)) {
            // Nothing at startFromMs is handled yet: id 0 precedes every contact id.
            return new CursorPosition(startFromMs, 0);
        }
        Object id = offset.get(ID);
        return new CursorPosition(modified.longValue(), id instanceof Number number ? number.longValue() : 0);
    }

    Map<String, Object> toOffset() {
        return Map.of(LAST_MODIFIED, lastModifiedMs, ID, id);
    }

    @Override
    public int compareTo(CursorPosition other) {
        int byTime = Long.compare(lastModifiedMs, other.lastModifiedMs);
        return byTime != 0 ? byTime : Long.compare(id, other.id);
    }
}
