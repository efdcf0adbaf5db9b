package io.clayflow.cli.dlq;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ExitCodes;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.CompactedTopic;
import io.clayflow.status.StatusCollector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Which dead letters were replayed: a compacted topic keyed by the dead letter's address
 * ({@code leads.dlq/<partition>/<offset>}), whose value says when and where to. The replayer writes an entry in the
 * same Kafka transaction as the replayed record, so the two exist together or not at all, and a later replay skips
 * what the log holds. Compaction keeps one small record per replayed dead letter, for good.
 *
 * @param cluster the cluster of the log, and so of every replay it records (one transaction writes both)
 * @param topic the log topic
 */
public record ReplayLog(ClusterSettings cluster, String topic) {

    public static final String DEFAULT_TOPIC = StatusCollector.DEFAULT_REPLAY_LOG_TOPIC;

    public ReplayLog {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(topic, "topic");
    }

    /** Creates the log topic when it is missing (one partition, compacted, the broker's replication factor). */
    public void ensureTopic() {
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            NewTopic log = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(log)).all().get(cluster.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new CliException(ExitCodes.FAILED, "cannot create the replay log topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "timed out creating the replay log topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted", e);
        }
    }

    /** The addresses of every dead letter replayed so far (empty when the log topic does not exist yet). */
    public Set<String> replayed() {
        return new HashSet<>(CompactedTopic.latest(cluster, topic).keySet());
    }

    /** The log entry recording that {@code entry} was replayed to {@code target} at {@code at}. */
    ProducerRecord<byte[], byte[]> entryFor(DeadLetterEntry entry, String target, Instant at) {
        String value = "replayed-at=" + at + " to=" + target + " stage=" + entry.info().stage() + " reason="
                + entry.info().reason();
        return new ProducerRecord<>(topic, 0, entry.address().getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
