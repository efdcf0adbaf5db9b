package io.clayflow.cli.kafka;

import io.clayflow.cli.CliException;
import io.clayflow.cli.ExitCodes;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.status.ClusterSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Produces leads to a topic as Avro in the Confluent wire format (clayflow's serializer and registry), with acks=all
 * and idempotence; counts what the broker acknowledged and keeps the first failure, so a command can say exactly
 * how many leads arrived.
 */
public final class LeadProducer implements AutoCloseable {

    private final ClusterSettings cluster;
    private final String topic;
    private final KafkaAvroSerializer serializer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public LeadProducer(ClusterSettings cluster, String topic) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.serializer = new KafkaAvroSerializer();
        serializer.configure(cluster.serdeProperties(), false);
        this.producer = new KafkaProducer<>(cluster.producerProperties());
    }

    /**
     * Serializes (registering the schema on first use) and sends one lead; the broker's answer arrives later.
     *
     * @throws CliException when the registry or the cluster cannot be reached: nothing more can be sent
     */
    public void send(String key, Lead lead) {
        byte[] value;
        try {
            value = serializer.serialize(topic, lead);
        } catch (KafkaException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot write Avro through the schema registry at "
                    + cluster.schemaRegistryUrl() + ": " + e.getMessage(), e);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8), value), (metadata, exception) -> {
                        if (exception == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, exception);
                        }
                    });
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the Kafka cluster at "
                    + cluster.bootstrapServers() + " (no metadata for " + topic + " within "
                    + cluster.timeout().toSeconds() + " s; does the topic exist?)", e);
        }
    }

    /** What the cluster answered for the leads sent: how many it took, how many failed, and the first failure. */
    public record Answers(long acknowledged, long failed, Exception firstFailure) {
    }

    /** Waits until every lead sent so far is acknowledged or failed, and says how many of each. */
    public Answers flush() {
        producer.flush();
        return new Answers(acknowledged.get(), failed.get(), firstFailure.get());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        serializer.close();
    }
}
