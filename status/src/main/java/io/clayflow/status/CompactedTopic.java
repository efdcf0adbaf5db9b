package io.clayflow.status;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A compacted topic read whole, as compaction means it: the latest value of each key, from the beginning to the
 * present end ({@link TopicTail}). A key whose latest record is a tombstone is absent; a record without a key is
 * passed over. Keys and values are UTF-8 text. Shared by what reads the small compacted topics the pipeline keeps
 * (the Clay ledger's summary, the dead-letter replay log).
 */
public final class CompactedTopic {

    private CompactedTopic() {
    }

    /**
     * The latest value of each key of {@code topic}; empty when the topic does not exist.
     *
     * @throws ClusterException (unreachable) when the cluster does not answer within its timeout, or (refused) when
     *     it refuses the read
     */
    public static Map<String, String> latest(ClusterSettings cluster, String topic) {
        Map<String, String> latest = new HashMap<>();
        try (TopicTail tail = new TopicTail(cluster, List.of(topic))) {
            tail.catchUp(record -> {
                if (record.key() == null) {
                    return;
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, new String(record.value(), StandardCharsets.UTF_8));
                }
            });
        } catch (TimeoutException e) {
            throw ClusterException.unanswered(cluster, e);
        } catch (KafkaException e) {
            throw new ClusterException(false, "cannot read " + topic + ": " + e.getMessage(), e);
        }
        return latest;
    }
}
