package io.clayflow.bench;

import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.intake.it.IntakeLoad;
import io.clayflow.intake.it.IntakeLoad.Batch;
import io.clayflow.intake.it.IntakeLoad.OutboxCounter;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroDeserializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The intake app on the suite's broker, one application (one {@code application.id}, one state dir) restarted for
 * each phase, so each phase starts where the last left off: a warm-up, a throughput run on a backlog (the
 * {@code IntakeThroughputBenchmark} method, with its {@link IntakeLoad}), end-to-end latency at a fixed rate, and the
 * dedupe scale run with the dedupe store's footprint.
 */
final class IntakeBench implements AutoCloseable {

    static final String APP_ID = "bench-intake";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final int partitions;
    private final IntakeConfig throughputConfig;
    private final OutboxCounter counter;
    private int nextPerson;

    IntakeBench(KafkaBroker kafka, SchemaRegistryServer registry, int partitions) throws IOException {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.partitions = partitions;
        kafka.createTopic(Topics.LEADS_RAW, partitions);
        kafka.createTopic(Topics.LEADS_ENRICHED, partitions);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, partitions);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        this.throughputConfig = IntakeLoad.throughputConfig(kafka, registry, APP_ID);
        this.counter = new OutboxCounter(kafka, partitions);
        counter.start();
    }

    /** Backlog throughput: leads in, unique out, the seconds from {@code start()} to the last unique in the outbox. */
    record Throughput(int in, int unique, long bytes, double produceSeconds, double seconds) {
        double leadsPerSecond() {
            return unique / seconds;
        }
    }

    /** Latencies (produce send → read_committed outbox consumer) in milliseconds. */
    record Latency(int leads, int rate, double p50, double p99, double max) {
    }

    /** The dedupe run: distinct leads, seconds from start() to the last in the outbox, the store's footprint. */
    record DedupeScale(int leads, long keysInStore, double seconds, StoreFootprint footprint) {
    }

    /** The average size of a serialized lead (Confluent wire format), for the perf tools' record size. */
    int averageLeadBytes() {
        Batch sample = IntakeLoad.batch(registry, 1_000, 50_000_000, false);
        return (int) (sample.bytes() / sample.values().size());
    }

    /**
     * Produces {@code leads} (every 10th a copy in another spelling) to {@code leads.raw}, then starts the app on
     * that backlog and waits until every unique lead is in the outbox.
     */
    Throughput throughput(int leads) throws Exception {
        Batch batch = IntakeLoad.batch(registry, leads, takePeople(leads), true);
        double produceSeconds = IntakeLoad.produce(kafka, batch);
        long before = counter.count();
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(throughputConfig);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(throughputConfig, serde),
                     throughputConfig.streamsProperties())) {
            long start = System.nanoTime();
            streams.start();
            long end = counter.waitFor(before + batch.unique(), TIMEOUT);
            leave(streams);
            return new Throughput(leads, batch.unique(), batch.bytes(), produceSeconds, (end - start) / 1e9);
        }
    }

    /**
     * With the app running (EOS commit interval 100 ms, its default), produces distinct leads at {@code rate} per
     * second for {@code seconds} and measures each from its send to its arrival in the outbox, read_committed.
     */
    Latency latency(int rate, int seconds) throws Exception {
        int leads = rate * seconds;
        int first = takePeople(leads);
        Batch batch = IntakeLoad.batch(registry, leads, first, false);
        Map<String, String> props = new HashMap<>(throughputConfig.originalsStrings());
        props.put("streams.commit.interval.ms", "100");
        props.put("streams.producer.linger.ms", "5");
        IntakeConfig config = new IntakeConfig(props);
        long[] sent = new long[leads];
        long[] arrived = new long[leads];
        long before = counter.count();
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(config);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties());
             LatencyProbe probe = new LatencyProbe(first, arrived)) {
            streams.start();
            awaitRunning(streams);
            Map<String, Object> producerProps = kafka.producerProps();
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            AtomicReference<Exception> failure = new AtomicReference<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
                producer.partitionsFor(Topics.LEADS_RAW);
                long begin = System.nanoTime();
                for (int i = 0; i < leads; i++) {
                    long scheduled = begin + (long) (i * 1e9 / rate);
                    LockSupport.parkNanos(scheduled - System.nanoTime()); // pacing the offered load
                    sent[i] = System.nanoTime();
                    producer.send(new ProducerRecord<>(Topics.LEADS_RAW, batch.keys().get(i), batch.values().get(i)),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new AssertionError("producing the latency load failed", failure.get());
            }
            counter.waitFor(before + leads, TIMEOUT);
            probe.awaitAll(TIMEOUT);
            leave(streams);
        }
        double[] latencies = new double[leads];
        for (int i = 0; i < leads; i++) {
            latencies[i] = (arrived[i] - sent[i]) / 1e6;
        }
        Arrays.sort(latencies);
        return new Latency(leads, rate, percentile(latencies, 50), percentile(latencies, 99),
                latencies[leads - 1]);
    }

    /**
     * Produces {@code leads} distinct people (in chunks, so the heap holds one chunk), starts the app on the backlog,
     * waits until all are in the outbox and reads the dedupe store's footprint while the app still runs.
     */
    DedupeScale dedupeScale(int leads) throws Exception {
        int chunk = 100_000;
        for (int done = 0; done < leads; done += chunk) {
            int size = Math.min(chunk, leads - done);
            IntakeLoad.produce(kafka, IntakeLoad.batch(registry, size, takePeople(size), false));
        }
        long before = counter.count();
        try (SpecificAvroSerde<Lead> serde = IntakeLoad.serde(throughputConfig);
             KafkaStreams streams = new KafkaStreams(IntakeTopology.buildTopology(throughputConfig, serde),
                     throughputConfig.streamsProperties())) {
            long start = System.nanoTime();
            streams.start();
            long end = counter.waitFor(before + leads, TIMEOUT);
            StoreFootprint footprint = StoreFootprint.of(StateStores.Intake.DEDUPE, streams.metrics(),
                    Path.of(throughputConfig.streamsProperties().getProperty("state.dir")));
            leave(streams);
            return new DedupeScale(leads, counter.count(), (end - start) / 1e9, footprint);
        }
    }

    long outboxRecords() {
        return counter.count();
    }

    int outboxDistinctKeys() {
        return counter.distinctKeys();
    }

    long deadLetters() {
        return IntakeLoad.endOffset(kafka, Topics.LEADS_DLQ);
    }

    @Override
    public void close() {
        try {
            counter.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int takePeople(int count) {
        int first = nextPerson;
        nextPerson += count;
        return first;
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the intake app is " + streams.state() + " after " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /** Leave the group on close, so the next phase's restart gets its tasks without waiting for a session timeout. */
    private static void leave(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)];
    }

    /** Reads the outbox from its current end, read_committed, and stamps each lead's arrival by its source id. */
    private final class LatencyProbe implements AutoCloseable {
        private final int first;
        private final long[] arrived;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int seen;

        LatencyProbe(int first, long[] arrived) {
            this.first = first;
            this.arrived = arrived;
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(Topics.LEADS_CLAY_OUTBOX, p));
            }
            Map<String, Object> props = kafka.consumerProps(null);
            props.remove("group.id");
            KafkaAvroDeserializer values = new KafkaAvroDeserializer();
            values.configure(Map.of("schema.registry.url", registry.url(), "specific.avro.reader", "true"), false);
            KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            assigned.forEach(consumer::position); // resolve the end now, before anything is produced
            thread = new Thread(() -> run(consumer), "bench-latency-probe");
            thread.setDaemon(true);
            thread.start();
        }

        private void run(KafkaConsumer<String, Object> consumer) {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(5))) {
                        long now = System.nanoTime();
                        String sourceId = ((Lead) record.value()).getSourceId();
                        int index = Integer.parseInt(sourceId.substring(1)) - first;
                        if (index >= 0 && index < arrived.length && arrived[index] == 0) {
                            arrived[index] = now;
                            seen++;
                        }
                    }
                }
            }
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen < arrived.length) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + seen + " of " + arrived.length + " latency leads arrived");
                }
                Thread.sleep(10);
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
