package io.clayflow.connect.clay;

import io.clayflow.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The Clay sink's state in a compacted, single-partition topic (by default {@link Topics#CLAY_SINK_STATE}): the latest
 * value per key survives any restart. Written with acks=all before the task moves on, read whole at start.
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
    private final KafkaProducer<String, String> producer;

    KafkaStateTopic(String topic, Map<String, Object> clientProps) {
        this.topic = topic;
        this.clientProps = Map.copyOf(clientProps);
        ensureTopic();
        Map<String, Object> producerProps = new HashMap<>(clientProps);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "clayflow-clay-state-producer");
        producerProps.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        producerProps.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
        this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(clientProps)) {
            NewTopic quota = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(quota)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Cannot create the Clay sink's state topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating " + topic, e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out creating the Clay sink's state topic " + topic, e);
        }
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
        // One send per key, then wait for all: the idempotent producer keeps them in order on the one partition.
        List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic, 0, key, value))));
        // The producer gives up after its delivery.timeout.ms; the margin only guards against a producer that hangs.
        long deadline = System.nanoTime() + WRITE_TIMEOUT.plusSeconds(10).toNanos();
        try {
            for (Future<RecordMetadata> write : sent) {
                write.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("Cannot record the Clay sink's state in " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while recording the Clay sink's state in " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
