package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The load an intake benchmark puts through the app and the probes it reads the outbox with: serialized leads (with
 * copies of earlier people in other spellings), the raw produce into {@code leads.raw}, the throughput-tuned intake
 * configuration and a read_committed outbox counter. Shared by {@link IntakeThroughputBenchmark} and the
 * {@code bench} module's suite.
 */
public final class IntakeLoad {

    /** The upstream event time of every generated lead. */
    public static final Instant OCCURRED_AT = Instant.parse("2026-11-20T10:00:00Z");

    private IntakeLoad() {
    }

    /** Serialized leads: {@code count} records, every 10th a copy of the person 5 before it (another spelling). */
    public record Batch(List<byte[]> keys, List<byte[]> values, int unique, long bytes) {
    }

    /**
     * {@code count} leads from person {@code firstPerson} on, serialized in the Confluent wire format with the
     * registry; every 10th is a copy of an earlier person when {@code withCopies}.
     */
    public static Batch batch(SchemaRegistryServer registry, int count, int firstPerson, boolean withCopies) {
        List<byte[]> keys = new ArrayList<>(count);
        List<byte[]> values = new ArrayList<>(count);
        int unique = 0;
        long bytes = 0;
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < count; i++) {
                boolean copy = withCopies && i % 10 == 9;
                Lead lead = copy ? person(firstPerson + i - 5, true) : person(firstPerson + i, false);
                unique += copy ? 0 : 1;
                keys.add(("upstream-" + (firstPerson + i)).getBytes(StandardCharsets.UTF_8));
                byte[] value = serializer.serialize(Topics.LEADS_RAW, lead);
                bytes += value.length;
                values.add(value);
            }
        }
        return new Batch(keys, values, unique, bytes);
    }

    /** Person i (source id {@code p<i>}), or a copy of them as another source spells them (upper-case, padded). */
    public static Lead person(int i, boolean copy) {
        String email = "first" + i + ".last@company" + (i % 1000) + ".com";
        return Lead.newBuilder().setSource(copy ? "second-source" : "benchmark").setSourceId("p" + i)
                .setOccurredAt(OCCURRED_AT).setFirstName("First" + i).setLastName("Last" + i)
                .setCompanyName("Company " + (i % 1000)).setTitle("Head of Sales")
                .setEmail(copy ? "  " + email.toUpperCase(Locale.ROOT) + " " : email)
                .setAttributes(Map.of("utm_source", "benchmark")).build();
    }

    /**
     * Produces the batch to {@code leads.raw} (idempotent, acks=all, linger 10 ms, 256 KiB batches, no compression);
     * returns the seconds from the first send to the last ack.
     */
    public static double produce(KafkaBroker kafka, Batch batch) {
        Map<String, Object> producerProps = kafka.producerProps();
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        producerProps.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.partitionsFor(Topics.LEADS_RAW); // metadata first: not part of the rate
            start = System.nanoTime();
            for (int i = 0; i < batch.keys.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.LEADS_RAW, batch.keys.get(i), batch.values.get(i)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            end = System.nanoTime();
        }
        assertThat(failure.get()).isNull();
        return (end - start) / 1e9;
    }

    /**
     * The intake configuration tuned for throughput as a user would (throttle and budget off, one instance, two
     * stream threads, 1 s commits, large batches); {@code benchmark.intake.<key>} system properties override any key.
     */
    public static IntakeConfig throughputConfig(KafkaBroker kafka, SchemaRegistryServer registry, String appId)
            throws IOException {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(IntakeConfig.APPLICATION_ID, appId);
        props.put(IntakeConfig.THROTTLE_RATE_PER_SECOND, "1000000");
        props.put(IntakeConfig.THROTTLE_BURST, "1000000");
        props.put(IntakeConfig.COST_ACTIONS_PER_ROW, "0");
        props.put("streams.state.dir", Files.createTempDirectory(appId).toString());
        props.put("streams.num.standby.replicas", "0"); // one instance: there is nowhere to put a standby
        // Tuned as a user would for throughput (each can be overridden with -Dbenchmark.intake.<key>=...):
        props.put("streams.num.stream.threads", "2");            // one per core
        props.put("streams.commit.interval.ms", "1000");         // fewer transactions (EOS default: 100 ms)
        props.put("streams.producer.linger.ms", "20");
        props.put("streams.producer.batch.size", Integer.toString(256 * 1024));
        props.put("streams.consumer.max.poll.records", "2000");
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("benchmark.intake."))
                .forEach(name -> props.put(name.substring("benchmark.intake.".length()), System.getProperty(name)));
        return new IntakeConfig(props);
    }

    /** The app's Avro serde for {@code leads.raw} and the outbox, configured from the intake configuration. */
    public static SpecificAvroSerde<Lead> serde(IntakeConfig config) {
        SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>();
        serde.configure(config.serdeConfigs(), false);
        return serde;
    }

    /** The end offset of partition 0 of a topic. */
    public static long endOffset(KafkaBroker kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.consumerProps("benchmark-end"))) {
            return consumer.endOffsets(List.of(new TopicPartition(topic, 0))).values().iterator().next();
        }
    }

    /**
     * Counts a topic ({@code leads.clay.outbox} unless told otherwise) as a read_committed consumer would see it, from
     * the beginning, with its distinct keys.
     */
    public static final class OutboxCounter {
        private final AtomicLong count = new AtomicLong();
        private final Set<String> keys = new HashSet<>();
        private final KafkaBroker kafka;
        private final String topic;
        private final int partitions;
        private volatile boolean running = true;
        private Thread thread;

        public OutboxCounter(KafkaBroker kafka, int partitions) {
            this(kafka, Topics.LEADS_CLAY_OUTBOX, partitions);
        }

        public OutboxCounter(KafkaBroker kafka, String topic, int partitions) {
            this.kafka = Objects.requireNonNull(kafka, "kafka");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.partitions = partitions;
        }

        public void start() {
            thread = new Thread(this::run, "outbox-counter-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        /** Records counted so far. */
        public long count() {
            return count.get();
        }

        /** Distinct keys (lead ids) counted so far. */
        public int distinctKeys() {
            synchronized (keys) {
                return keys.size();
            }
        }

        /** Waits until at least {@code target} records were counted; returns {@link System#nanoTime()} then. */
        public long waitFor(long target, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < target) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + count.get() + " of " + target + " records reached " + topic
                            + " in " + timeout);
                }
                Thread.sleep(2);
            }
            return System.nanoTime();
        }

        public void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(10_000);
            }
        }

        private void run() {
            Map<String, Object> props = kafka.consumerProps(null);
            props.remove("group.id");
            props.put("client.id", "consumer-benchmark-outbox");
            props.put("max.poll.records", 5000);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                List<TopicPartition> assigned = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    assigned.add(new TopicPartition(topic, p));
                }
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(20));
                    if (!records.isEmpty()) {
                        synchronized (keys) {
                            records.forEach(record -> keys.add(new String(record.key(), StandardCharsets.UTF_8)));
                        }
                        count.addAndGet(records.count());
                    }
                }
            }
        }
    }
}
