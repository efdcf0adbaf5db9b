package io.clayflow.connect.clay;

import io.clayflow.schemas.ClaySinkState;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per outbox partition, the offset after the last row Clay took, written to the sink's state store as soon as Clay
 * answers 2xx. Connect commits offsets later, on its own schedule; a worker that dies in between is handed those
 * rows again, and they are skipped here instead of sent, so a crash re-sends at most the batch that was in flight.
 *
 * <p>Entries are keyed by connector, topic and partition, and carry the topic's id: a topic deleted and created
 * again under its name starts afresh rather than being skipped. Resetting or altering the connector's offsets
 * through Connect's REST API clears them ({@link ClayWebhookSinkConnector#alterOffsets}).
 */
final class ClayProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ClayProgress.class);

    private final String connector;
    private final SinkStateStore store;
    private final TopicIds topicIds;
    // Every entry of this connector, as stored: key -> "<next offset>@<topic id>".
    private final Map<String, String> entries = new HashMap<>();
    private final Map<String, String> openTopicIds = new HashMap<>();
    // Per open partition, the first offset Clay has not taken: rows below it are skipped.
    private final Map<TopicPartition, Long> takenBelow = new HashMap<>();
    // Per partition, rows skipped since it was opened, until the first row to send is reached (then logged).
    private final Map<TopicPartition, Long> skippedSinceOpen = new HashMap<>();
    private long skipped;
    private final Optional<ClaySentLog> sentLog;

    /**
     * @param stored the store's entries at start; those of other connectors and of the webhook quota are ignored
     */
    ClayProgress(String connector, SinkStateStore store, TopicIds topicIds, Map<String, String> stored) {
        this(connector, store, topicIds, stored, Optional.empty());
    }

    /** @param sentLog where the sent records of the Clay ledger go, in the transaction of each progress write */
    ClayProgress(String connector, SinkStateStore store, TopicIds topicIds, Map<String, String> stored,
            Optional<ClaySentLog> sentLog) {
        this.sentLog = Objects.requireNonNull(sentLog, "sentLog");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.store = Objects.requireNonNull(store, "store");
        this.topicIds = Objects.requireNonNull(topicIds, "topicIds");
        String mine = ClaySinkState.progressPrefix(connector);
        stored.forEach((key, value) -> {
            if (key.startsWith(mine)) {
                entries.put(key, value);
            }
        });
    }

    /** Call from the task's {@code open}: takes up what Clay took of these partitions before. */
    void open(Collection<TopicPartition> partitions) {
        openTopicIds.putAll(topicIds.of(partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet())));
        for (TopicPartition partition : partitions) {
            String entry = entries.get(key(connector, partition));
            if (entry == null) {
                continue;
            }
            int at = entry.indexOf('@');
            long next = Long.parseLong(entry.substring(0, at));
            String storedId = entry.substring(at + 1);
            String currentId = openTopicIds.get(partition.topic());
            if (!storedId.isEmpty() && currentId != null && !storedId.equals(currentId)) {
                LOG.warn("{} was created again since Clay took its rows up to offset {}: its rows are all sent",
                        partition, next);
                continue;
            }
            takenBelow.put(partition, next);
            LOG.info("Clay took the rows of {} below offset {}: any of them handed over again is skipped, not sent",
                    partition, next);
        }
    }

    /** Call from the task's {@code close}. */
    void close(Collection<TopicPartition> partitions) {
        partitions.forEach(takenBelow::remove);
        partitions.forEach(skippedSinceOpen::remove);
    }

    /** Whether Clay took this record's row before (it is then not to be sent again). */
    boolean alreadyTaken(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
        Long below = takenBelow.get(partition);
        if (below != null && record.kafkaOffset() < below) {
            skipped++;
            skippedSinceOpen.merge(partition, 1L, Long::sum);
            return true;
        }
        Long skippedHere = skippedSinceOpen.remove(partition);
        if (skippedHere != null) {
            LOG.info("Skipped {} row(s) of {} that Clay had taken; sending from offset {}", skippedHere, partition,
                    record.kafkaOffset());
        }
        return false;
    }

    /** Records, durably, that Clay took these rows; returns once it is stored. */
    void taken(List<ClayRow> batch) {
        taken(batch, List.of());
    }

    /** Records, durably, that Clay took these rows from {@code webhook}, with their sent records if they are kept. */
    void taken(URI webhook, List<ClayRow> batch) {
        taken(batch, sentLog.map(log -> log.records(webhook, batch)).orElse(List.of()));
    }

    /**
     * Records, durably, that Clay took these rows, with {@code alongside} (their sent records for the Clay ledger) in
     * the same transaction; returns once it is stored.
     */
    void taken(List<ClayRow> batch, List<ProducerRecord<String, byte[]>> alongside) {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ClayRow row : batch) {
            SinkRecord record = row.record();
            TopicPartition partition = new TopicPartition(record.topic(), record.kafkaPartition());
            next.merge(partition, record.kafkaOffset() + 1, Math::max);
        }
        Map<String, String> changed = new HashMap<>();
        next.forEach((partition, offset) -> changed.put(key(connector, partition),
                offset + "@" + openTopicIds.getOrDefault(partition.topic(), "")));
        store.save(changed, alongside);
        entries.putAll(changed);
        next.forEach((partition, offset) -> takenBelow.merge(partition, offset, Math::max));
    }

    /** Rows handed over again after a restart and skipped because Clay had taken them. */
    long skipped() {
        return skipped;
    }

    /** Removes what the store holds of these partitions, so that every row from Connect's offsets on is sent. */
    static void forget(SinkStateStore store, String connector, Collection<TopicPartition> partitions) {
        Map<String, String> tombstones = new HashMap<>();
        partitions.forEach(partition -> tombstones.put(key(connector, partition), null));
        store.save(tombstones);
    }

    static String key(String connector, TopicPartition partition) {
        return ClaySinkState.progressKey(connector, partition.topic(), partition.partition());
    }
}
