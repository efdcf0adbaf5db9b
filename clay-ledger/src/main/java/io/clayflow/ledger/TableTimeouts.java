package io.clayflow.ledger;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/** How long a row of each Clay table may wait for its callback: the tables' own timeouts, else the default. */
public final class TableTimeouts {

    private final Duration defaultTimeout;
    private final Map<String, Duration> perTable;

    public TableTimeouts(Duration defaultTimeout, Map<String, Duration> perTable) {
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.perTable = Collections.unmodifiableMap(new LinkedHashMap<>(perTable));
    }

    /** Reads {@code <table>=<ISO-8601 duration>} entries; a bad one fails naming {@code key}. */
    static TableTimeouts parse(String key, Duration defaultTimeout, List<String> entries) {
        Map<String, Duration> perTable = new LinkedHashMap<>();
        for (String entry : entries) {
            int at = entry.indexOf('=');
            String table = at < 0 ? "" : entry.substring(0, at).strip();
            if (table.isEmpty()) {
                throw new ConfigException(key, entry, "each entry is <table>=<ISO-8601 duration>, e.g. main=PT1H");
            }
            try {
                Duration timeout = Duration.parse(entry.substring(at + 1).strip());
                if (timeout.isNegative() || timeout.isZero()) {
                    throw new ConfigException(key, entry, "the timeout of table '" + table + "' must be positive");
                }
                if (perTable.put(table, timeout) != null) {
                    throw new ConfigException(key, entry, "table '" + table + "' is named twice");
                }
            } catch (DateTimeParseException e) {
                throw new ConfigException(key, entry, "the timeout of table '" + table
                        + "' must be an ISO-8601 duration such as PT30M");
            }
        }
        return new TableTimeouts(defaultTimeout, perTable);
    }

    public Duration of(String table) {
        return perTable.getOrDefault(table, defaultTimeout);
    }

    /** The longest timeout of any table: how long a callback that came before its sent record is remembered. */
    public Duration longest() {
        return perTable.values().stream().reduce(defaultTimeout, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    @Override
    public String toString() {
        return "default " + defaultTimeout + (perTable.isEmpty() ? "" : ", " + perTable);
    }
}
