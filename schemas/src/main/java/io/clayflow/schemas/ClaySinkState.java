package io.clayflow.schemas;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The record keys of the Clay sink's state topic ({@link Topics#CLAY_SINK_STATE}): a webhook's submission count is
 * keyed by a hash of its URL; the sink's progress per outbox partition by {@link #progressKey}; the rows each Clay
 * table of a connector took by {@link #tableRowsKey}; why a connector is not sending, while it is not, by
 * {@link #pauseKey}. Readers skip keys they do not know.
 */
public final class ClaySinkState {

    /**
     * The Clay sink writes its state in Kafka transactions under {@code <this><connector>}: one writer per connector
     * (a new instance fences the one before). A cluster with ACLs grants Write on this transactional-id prefix.
     */
    public static final String TRANSACTIONAL_ID_PREFIX = "clayflow-clay-sink-state-";

    private ClaySinkState() {
    }

    private static final String PROGRESS_PREFIX = "progress/";

    /** {@code progress/<connector>/<topic>/<partition>}: the offset after the last row Clay took, with the topic id. */
    public static String progressKey(String connector, String topic, int partition) {
        return PROGRESS_PREFIX + connector + "/" + topic + "/" + partition;
    }

    /** The prefix of every progress key of one connector. */
    public static String progressPrefix(String connector) {
        return PROGRESS_PREFIX + connector + "/";
    }

    public static boolean isProgressKey(String key) {
        return key != null && key.startsWith(PROGRESS_PREFIX);
    }

    private static final String TABLE_ROWS_PREFIX = "table-rows/";

    /** {@code table-rows/<connector>/<table>}: the rows a Clay table named in a connector's configuration took. */
    public static String tableRowsKey(String connector, String table) {
        return TABLE_ROWS_PREFIX + connector + "/" + table;
    }

    private static final String PAUSE_PREFIX = "paused/";

    /**
     * {@code paused/<connector>}: while the connector's Clay sink is not sending, why (a reason code, a colon, a
     * sentence for the operator); removed (a tombstone) once it sends again.
     */
    public static String pauseKey(String connector) {
        return PAUSE_PREFIX + connector;
    }

    /** The connector a pause record is about, when {@code key} is a pause key. */
    public static Optional<String> pausedConnector(String key) {
        return key != null && key.startsWith(PAUSE_PREFIX) ? Optional.of(key.substring(PAUSE_PREFIX.length()))
                : Optional.empty();
    }

    /**
     * The lifetime submissions a webhook record holds: a key that is a webhook's hash (no {@code /}, unlike every
     * other entry), its value the count in decimal. Empty for any other record, a tombstone or a value that is not a
     * count.
     */
    public static OptionalLong webhookSubmissions(String key, String value) {
        if (key == null || key.indexOf('/') >= 0 || value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The text a webhook record holds for {@code submissions}: what {@link #webhookSubmissions} reads back. */
    public static String webhookSubmissionsValue(long submissions) {
        return Long.toString(submissions);
    }
}
