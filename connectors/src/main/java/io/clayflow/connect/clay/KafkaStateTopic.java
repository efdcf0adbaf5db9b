package io.clayflow.connect.clay;

import io.clayflow.schemas.ClaySinkState;
import io.clayflow.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The Clay sink's state in a compacted, single-partition topic (by default {@link Topics#CLAY_SINK_STATE}): the latest
 * value per key survives any restart. Written with acks=all before the task moves on, read whole at start.
 *
 * <p>Each save is a Kafka transaction under one transactional id per connector. A task instance Connect gave up
 * stopping (blocked in a save while the broker was away, say) may go on sending once the broker is back, while its
 * replacement already sends the same rows: opening this store fences that earlier instance, whose next save then
 * fails, so it stops after at most the batch in flight. The replacement reads the state after fencing, so it sees
 * every save the earlier instance committed.
 */
final class KafkaStateTopic implements SinkStateStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a write may wait for the cluster: a broker restart or a leader move must not fail the task, and the
     * bound stays well under the sink consumer's max.poll.interval.ms (5 minutes).
     */
    private static final Duration WRITE_TIMEOUT = Duration.ofMinutes(2);

    private final String topic;
    private final Map<String, Object> clientProps;
    private final KafkaProducer<String, byte[]> producer;

    /** @param owner the connector the state belongs to: its one writer at a time, fencing earlier instances */
    KafkaStateTopic(String topic, Map<String, Object> clientProps, String owner) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
        ensureTopic();
        Map<String, Object> producerProps = new HashMap<>(clientProps);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "clayflow-clay-state-producer");
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ClaySinkState.TRANSACTIONAL_ID_PREFIX + owner);
        // A transaction may wait for the cluster as long as a write may; the broker's default cap is 15 minutes.
        producerProps.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) WRITE_TIMEOUT.plusMinutes(1)
                .toMillis());
        producerProps.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        producerProps.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new ConnectException("Cannot open the Clay sink's state topic " + topic + " for writing", e);
        }
    }

    private void ensureTopic() {
        MissingTopic.create(topic, "the Clay sink's state topic", clientProps,
                admin -> new NewTopic(topic, Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    @Override
    public Map<String, String> load() {
        return read(topic, clientProps);
    }

    /** The latest value per key of a state topic written under an earlier name, if that topic exists. */
    static Optional<Map<String, String>> readIfExists(String topic, Map<String, Object> clientProps) {
        try (Admin admin = Admin.create(clientProps)) {
            if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return Optional.empty();
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("Cannot list the topics to look for " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while looking for " + topic, e);
        }
        return Optional.of(read(topic, clientProps));
    }

    private static Map<String, String> read(String topic, Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "clayflow-clay-state-reader");
        Map<String, String> entries = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (consumer.position(partition, TIMEOUT) < end) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("Timed out reading the Clay sink's state topic " + topic);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        entries.remove(record.key());
                    } else {
                        entries.put(record.key(), record.value());
                    }
                }
            }
        }
        return entries;
    }

    @Override
    public void save(Map<String, String> entries) {
        save(entries, List.of());
    }

    /** The entries and the records alongside (the Clay ledger's sent records) in one transaction. */
    @Override
    public void save(Map<String, String> entries, List<ProducerRecord<String, byte[]>> alongside) {
        try {
            producer.beginTransaction();
            entries.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, 0, key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))));
            alongside.forEach(producer::send);
            // Flushes, then waits for the commit: bounded by the producer's max.block.ms and delivery.timeout.ms.
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (isFenced(e)) {
                throw new ConnectException("Another instance of this Clay sink task took over (this one outlived its "
                        + "stop); it stops sending", e);
            }
            abortQuietly();
            throw new ConnectException("Cannot record the Clay sink's state in " + topic, e);
        }
    }

    private static boolean isFenced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            // the producer is in a state that only a new one recovers from: the task fails and Connect restarts it
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
