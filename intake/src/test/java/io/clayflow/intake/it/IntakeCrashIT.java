package io.clayflow.intake.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.clayflow.intake.IntakeApp;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.streams.DeadLetter;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake app is killed mid-run (SIGKILL of a separate JVM: no shutdown hook, no {@code KafkaStreams.close()}, an
 * open transaction left behind) and restarted with the same configuration and state directory: every person who was
 * produced to {@code leads.raw} reaches {@code leads.clay.outbox} exactly once, and every invalid lead reaches
 * {@code leads.dlq} exactly once.
 *
 * <p>Input, all through the real Avro serde and registry:
 * <ol>
 *   <li>before the first start: {@value #INITIAL_PEOPLE} people, {@value #INITIAL_COPIES} copies of them in other
 *       spellings of their email, {@value #INITIAL_INVALID} invalid leads;</li>
 *   <li>while the first process runs, until it is killed: a trickle of new people, copies and invalid leads, so the
 *       upstream sub-topologies (validate, normalize, dedupe) are busy too when the process dies;</li>
 *   <li>while no process runs: {@value #WHILE_DOWN_PEOPLE} new people, {@value #WHILE_DOWN_COPIES} copies of people
 *       from before (some already released, some still in the throttle's backlog) and {@value #WHILE_DOWN_INVALID}
 *       invalid leads: the restarted app must remember, from its changelogs, whom it already accepted.</li>
 * </ol>
 * The throttle is set to {@value #RATE} leads/s, so the first process is still releasing when the outbox holds
 * {@value #KILL_AT_LEAST} committed leads. It is then killed inside a transaction: the test freezes it (SIGSTOP),
 * checks that the outbox has records past its last stable offset (released leads of a transaction not yet
 * committed), resumes it (SIGCONT) and tries again if not, and SIGKILLs it while frozen if so. Those records must end
 * up aborted, and their leads be released again, once, by the restarted app.
 *
 * <p>The restart reuses the state directory, as a supervisor (systemd, a Kubernetes StatefulSet with a persistent
 * volume) restarting the process on its host would. This is the harder case for local state: under exactly-once an
 * unclean stop leaves no checkpoint, so Streams must detect the RocksDB stores as dirty and rebuild them from the
 * changelogs instead of trusting them; and the directory's persisted process id gives the new producer the killed
 * one's {@code transactional.id}, so the broker fences and aborts the killed transaction at once.
 *
 * <p>Expected lead ids are computed here, independently of the app's code: UUIDv5 of {@code email:<trimmed,
 * lowercased email>} in the namespace the topology README documents.
 */
@ClayflowIntegrationTest
class IntakeCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeCrashIT.class);

    private static final String APP_ID = "intake-crash-it";
    /** {@code uuid5(NAMESPACE_URL, "urn:clayflow:lead")}, as documented in topology/README.md. */
    private static final UUID LEAD_NAMESPACE = UUID.fromString("0e070016-7464-5ced-bf64-202afad1f3cf");
    private static final Instant OCCURRED_AT = Instant.parse("2026-11-20T10:00:00Z");
    private static final Path WORK = Path.of("target", "intake-crash-it");

    static final int INITIAL_PEOPLE = 4_000;
    static final int INITIAL_COPIES = 800;
    static final int INITIAL_INVALID = 10;
    static final int WHILE_DOWN_PEOPLE = 250;
    static final int WHILE_DOWN_COPIES = 1_000;
    static final int WHILE_DOWN_INVALID = 10;
    /** Trickle while the first process runs: per tick, new people, copies, and an invalid lead every other tick. */
    private static final int TRICKLE_PEOPLE = 5;
    private static final int TRICKLE_COPIES = 4;
    private static final Duration TRICKLE_TICK = Duration.ofMillis(50);
    private static final int TRICKLE_MAX_TICKS = 600;

    static final int RATE = 800;
    private static final int BURST = 80;
    static final int KILL_AT_LEAST = 800;

    private static final Duration FIRST_RELEASES_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ALL_RELEASED_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(45);

    @Test
    void aKilledIntakeRestartsWithoutLosingOrDuplicatingALead(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        long testStart = System.nanoTime();
        kafka.createTopic(Topics.LEADS_RAW, 3);
        kafka.createTopic(Topics.LEADS_ENRICHED, 3);
        kafka.createTopic(Topics.LEADS_CLAY_OUTBOX, 3);
        kafka.createTopic(Topics.LEADS_DLQ, 1);
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger

        Path runDir = Files.createTempDirectory(Files.createDirectories(WORK), "run-").toAbsolutePath();
        Path config = writeConfig(runDir, kafka, registry);
        Path logConfig = writeLogConfig(runDir);
        Ledger ledger = new Ledger();

        int seenWhenKilled;
        long uncommittedAtKill;
        int committedAtKill;
        int producedAtKill;
        int firstExit;
        int secondExit;
        long firstRunMs;
        long secondRunMs;
        IntakeProcess first = null;
        IntakeProcess second = null;
        try (RawWriter writer = new RawWriter(kafka, registry, ledger, new Random(20261120));
             TopicTally outbox = new TopicTally(kafka, Topics.LEADS_CLAY_OUTBOX, true)) {
            writer.write(INITIAL_PEOPLE, INITIAL_COPIES, INITIAL_INVALID);
            LOG.info("Produced {} records ({} people) to {} before the first start", ledger.records(),
                    ledger.expectedIds().size(), Topics.LEADS_RAW);

            // 1. Start, let it release part of the backlog while more input trickles in, then pull the plug.
            long firstStart = System.nanoTime();
            first = IntakeProcess.start("first", config, logConfig, runDir);
            Trickle trickle = Trickle.start(writer);
            awaitWhileRunning("the first intake to commit at least " + KILL_AT_LEAST + " leads to the outbox",
                    FIRST_RELEASES_TIMEOUT, first, () -> {
                        outbox.pollOnce();
                        return outbox.count() >= KILL_AT_LEAST;
                    }, () -> outbox.count() + " leads in the outbox");
            // Pull the plug while a transaction is open with released leads already on the broker: freeze the
            // process (SIGSTOP), look whether the outbox keeps records past its last stable offset (a commit already
            // sent would still complete while frozen), let it go on (SIGCONT) if not, and SIGKILL it frozen if so.
            AtomicInteger freezes = new AtomicInteger();
            try (Admin admin = Admin.create(kafka.adminProps())) {
                IntakeProcess frozen = first;
                awaitWhileRunning("a moment when the first intake has an open transaction with leads in the outbox",
                        Duration.ofSeconds(30), first, () -> {
                            freezes.incrementAndGet();
                            frozen.signal("STOP");
                            if (staysUncommittedWhileFrozen(admin)) {
                                return true;
                            }
                            frozen.signal("CONT");
                            outbox.pollOnce();
                            return false;
                        }, () -> freezes.get() + " freezes, none during an open transaction");
                uncommittedAtKill = uncommittedRecords(admin, Topics.LEADS_CLAY_OUTBOX);
            }
            seenWhenKilled = outbox.count();
            firstExit = first.kill();
            firstRunMs = Duration.ofNanos(System.nanoTime() - firstStart).toMillis();
            trickle.stop();
            producedAtKill = ledger.expectedIds().size();

            assertThat(firstExit).as("exit code of the first intake after SIGKILL (128 + 9); log %s:%n%s",
                    first.log(), first.logTail()).isEqualTo(137);
            assertThat(first.logText()).as("the killed intake must not have run its shutdown hook")
                    .doesNotContain("Stopping intake");
            outbox.drainToEnd(Duration.ofSeconds(30));
            committedAtKill = outbox.count();
            LOG.info("Killed the first intake after {} ms, frozen at the {}. try in an open transaction with {} "
                    + "uncommitted outbox records on the broker: {} leads seen in the outbox when the kill was decided, "
                    + "{} committed before it; {} trickle ticks had produced {} records while it ran", firstRunMs,
                    freezes.get(), uncommittedAtKill, seenWhenKilled, committedAtKill, trickle.ticks(),
                    trickle.records());
            assertThat(trickle.ticks()).as("the trickle producer ran while the first intake did").isPositive();

            // 2. More input while nothing runs: new people, copies of known people (released or waiting), invalid.
            writer.write(WHILE_DOWN_PEOPLE, WHILE_DOWN_COPIES, WHILE_DOWN_INVALID);
            Map<String, String> expected = ledger.expectedIds();
            assertThat(committedAtKill).as("outbox leads committed when the first intake was killed, of %s people",
                    expected.size()).isPositive().isLessThan(expected.size());
            assertThat(committedAtKill).as("leads committed when killed, of %s people produced by then",
                    producedAtKill).isLessThan(producedAtKill);

            // 3. Restart with the same configuration and state directory; wait for every person, then for quiet.
            long secondStart = System.nanoTime();
            second = IntakeProcess.start("second", config, logConfig, runDir);
            awaitWhileRunning("the restarted intake to release every one of the " + expected.size() + " people",
                    ALL_RELEASED_TIMEOUT, second, () -> {
                        outbox.pollOnce();
                        return outbox.count() >= expected.size();
                    }, () -> outbox.count() + " of " + expected.size() + " leads in the outbox");
            long allInMs = Duration.ofNanos(System.nanoTime() - secondStart).toMillis();
            IntakeProcess restarted = second;
            try {
                Awaitility.await("no further lead in the outbox for " + QUIET.toSeconds() + " s")
                        .pollInSameThread().pollInterval(Duration.ofMillis(100))
                        .during(QUIET).atMost(QUIET.plusSeconds(10))
                        .failFast("more leads than people arrived", () -> outbox.count() > expected.size())
                        .until(() -> {
                            outbox.pollOnce();
                            return outbox.count() == expected.size();
                        });
            } catch (ConditionTimeoutException | TerminalFailureException e) {
                String summary = "The outbox holds " + outbox.count() + " leads for " + expected.size()
                        + " people after the restart. ";
                try {
                    assertExactlyOnce(outbox.records(), expected, registry);
                } catch (AssertionError precise) {
                    throw new AssertionError(summary + precise.getMessage() + "\n" + restarted.describe(), e);
                }
                throw new AssertionError(summary + restarted.describe(), e);
            }
            secondExit = second.stop();
            secondRunMs = Duration.ofNanos(System.nanoTime() - secondStart).toMillis();
            LOG.info("Restarted intake released the rest in {} ms, stopped cleanly (exit {}) after {} ms", allInMs,
                    secondExit, secondRunMs);
            assertThat(second.logText()).as("the second intake stops through its shutdown hook; log %s",
                    second.log()).contains("Stopping intake");
            outbox.drainToEnd(Duration.ofSeconds(30));

            // 4. Exactly the people produced, each once.
            assertExactlyOnce(outbox.records(), expected, registry);
        } finally {
            if (first != null) {
                first.destroyIfAlive();
            }
            if (second != null) {
                second.destroyIfAlive();
            }
        }

        // Every invalid lead is dead-lettered once, with its rule and origin.
        List<ConsumerRecord<byte[], byte[]>> dlq;
        try (TopicTally dlqTally = new TopicTally(kafka, Topics.LEADS_DLQ, true)) {
            dlqTally.drainToEnd(Duration.ofSeconds(30));
            dlq = dlqTally.records();
        }
        List<String> origins = dlq.stream().map(record -> DeadLetter.header(record.headers(), DeadLetterHeaders.TOPIC) + "-"
                + DeadLetter.header(record.headers(), DeadLetterHeaders.PARTITION) + "@"
                + DeadLetter.header(record.headers(), DeadLetterHeaders.OFFSET)).toList();
        assertThat(dlq).allSatisfy(record -> {
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.STAGE))
                    .isEqualTo(Stage.INTAKE_VALIDATE.wireName());
            assertThat(DeadLetter.header(record.headers(), DeadLetterHeaders.REASON)).isEqualTo("email.syntax");
        });
        assertThat(origins).as("origins of the dead letters: each invalid lead once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ledger.invalidOrigins());

        // Nothing left behind: all input consumed by the app's group, nothing waiting in the throttle's backlog.
        assertNothingUnconsumed(kafka, Topics.LEADS_RAW);
        assertNothingUnconsumed(kafka, APP_ID + "-" + StateStores.Intake.DEDUPE_REPARTITION + "-repartition");
        assertNothingUnconsumed(kafka, APP_ID + "-" + StateStores.Intake.THROTTLE_REPARTITION + "-repartition");
        assertThat(liveKeys(kafka, APP_ID + "-" + StateStores.Intake.THROTTLE_BACKLOG + "-changelog"))
                .as("leads left in the throttle's backlog").isZero();

        // Records the killed transaction had already written and the broker aborted (asserted for the outbox only).
        Map<String, Integer> aborted = new LinkedHashMap<>();
        for (String topic : List.of(Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_DLQ,
                APP_ID + "-" + StateStores.Intake.DEDUPE + "-changelog",
                APP_ID + "-" + StateStores.Intake.THROTTLE_BACKLOG + "-changelog",
                APP_ID + "-" + StateStores.Intake.THROTTLE_STATE + "-changelog")) {
            aborted.put(topic, recordCount(kafka, topic, false) - recordCount(kafka, topic, true));
        }
        assertThat(aborted.get(Topics.LEADS_CLAY_OUTBOX))
                .as("aborted outbox records: at least those of the transaction open when the intake was killed")
                .isGreaterThanOrEqualTo((int) uncommittedAtKill);
        LOG.info("Crash IT figures: {} records produced to {} ({} people, {} invalid); outbox {} committed when "
                        + "killed (seen {}); after restart {} committed, none twice; dead letters {}; aborted records "
                        + "{}; first run {} ms, second run {} ms, test {} ms",
                ledger.records(), Topics.LEADS_RAW, ledger.expectedIds().size(), ledger.invalidOrigins().size(),
                committedAtKill, seenWhenKilled, ledger.expectedIds().size(), dlq.size(), aborted, firstRunMs,
                secondRunMs, Duration.ofNanos(System.nanoTime() - testStart).toMillis());
    }

    private static void assertExactlyOnce(List<ConsumerRecord<byte[], byte[]>> records, Map<String, String> expected,
                                          SchemaRegistryServer registry) {
        Map<String, List<String>> perKey = new TreeMap<>();
        records.forEach(record -> perKey.computeIfAbsent(new String(record.key(), StandardCharsets.UTF_8),
                key -> new ArrayList<>()).add(record.partition() + "@" + record.offset()));
        Map<String, List<String>> twice = new TreeMap<>();
        perKey.forEach((key, where) -> {
            if (where.size() > 1) {
                twice.put(key + " (" + expected.getOrDefault(key, "?") + ")", where);
            }
        });
        Map<String, String> lost = new TreeMap<>(expected);
        lost.keySet().removeAll(perKey.keySet());
        Set<String> unexpected = new TreeSet<>(perKey.keySet());
        unexpected.removeAll(expected.keySet());
        assertThat(twice).as("lead ids in the outbox more than once (%s of %s ids), with their partition@offset",
                twice.size(), perKey.size()).isEmpty();
        assertThat(lost).as("people produced whose lead never reached the outbox (%s)", lost.size()).isEmpty();
        assertThat(unexpected).as("lead ids in the outbox nobody produced (%s)", unexpected.size()).isEmpty();
        assertThat(records).hasSize(expected.size());

        try (SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>()) {
            serde.configure(Map.of("schema.registry.url", registry.url()), false);
            assertThat(records).allSatisfy(record -> {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                Lead lead = serde.deserializer().deserialize(record.topic(), record.value());
                assertThat(lead.getLeadId()).isEqualTo(key);
                assertThat(lead.getEmail()).isEqualTo(expected.get(key));
                assertThat(leadIdOf(lead.getEmail())).isEqualTo(key);
            });
        }
    }

    /** Records of {@code topic} at or after the app group's committed offset: input the app has not consumed. */
    private static void assertNothingUnconsumed(KafkaBroker kafka, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = Admin.create(kafka.adminProps())) {
            committed = admin.listConsumerGroupOffsets(APP_ID).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<byte[], byte[]>> remaining;
        try (TopicTally tally = new TopicTally(kafka, topic, true)) {
            tally.drainToEnd(Duration.ofSeconds(30));
            remaining = tally.records();
        }
        List<String> unconsumed = remaining.stream().filter(record -> {
            OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
            return offset == null || record.offset() >= offset.offset();
        }).map(record -> record.partition() + "@" + record.offset()).toList();
        assertThat(unconsumed).as("records of %s the app's group has not committed past (committed: %s)", topic,
                committed.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic)).toList()).isEmpty();
    }

    /** Records past the last stable offset, summed over partitions: data of transactions still open. */
    /**
     * Whether the frozen app's outbox transaction is really open: records past the last stable offset for a whole
     * second. A commit the app sent just before it was frozen completes on the broker meanwhile, so such a moment is
     * not taken for an open transaction (its records would be committed, not aborted).
     */
    private static boolean staysUncommittedWhileFrozen(Admin admin) throws Exception {
        if (uncommittedRecords(admin, Topics.LEADS_CLAY_OUTBOX) == 0) {
            return false;
        }
        try {
            Awaitility.await("records past the outbox's last stable offset for a second").pollInSameThread()
                    .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> uncommittedRecords(admin, Topics.LEADS_CLAY_OUTBOX) > 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static long uncommittedRecords(Admin admin, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> stable = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> high = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(30, TimeUnit.SECONDS);
        return partitions.stream().mapToLong(tp -> high.get(tp).offset() - stable.get(tp).offset()).sum();
    }

    private static int recordCount(KafkaBroker kafka, String topic, boolean readCommitted) {
        try (TopicTally tally = new TopicTally(kafka, topic, readCommitted)) {
            tally.drainToEnd(Duration.ofSeconds(30));
            return tally.count();
        }
    }

    /** Keys whose latest record in a changelog is not a tombstone. */
    private static int liveKeys(KafkaBroker kafka, String changelog) {
        Map<ByteBuffer, Boolean> live = new HashMap<>();
        try (TopicTally tally = new TopicTally(kafka, changelog, true)) {
            tally.drainToEnd(Duration.ofSeconds(30));
            tally.records().forEach(record -> live.put(ByteBuffer.wrap(record.key()), record.value() != null));
        }
        return (int) live.values().stream().filter(Boolean::booleanValue).count();
    }

    private static void awaitWhileRunning(String what, Duration atMost, IntakeProcess process,
                                          Callable<Boolean> condition, Callable<String> progress) {
        try {
            Awaitility.await(what).atMost(atMost).pollInSameThread().pollInterval(Duration.ofMillis(100))
                    .failFast(process + " exited", () -> !process.isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String state;
            try {
                state = progress.call();
            } catch (Exception failure) {
                state = "(unknown: " + failure + ")";
            }
            throw new AssertionError("Waited for " + what + " in vain: " + state + ". " + process.describe(), e);
        }
    }

    private static Path writeConfig(Path runDir, KafkaBroker kafka, SchemaRegistryServer registry) throws IOException {
        Properties props = new Properties();
        props.setProperty("application.id", APP_ID);
        props.setProperty("bootstrap.servers", kafka.bootstrapServers());
        props.setProperty("schema.registry.url", registry.url());
        props.setProperty("throttle.rate.per.second", Integer.toString(RATE));
        props.setProperty("throttle.burst", Integer.toString(BURST));
        props.setProperty("budget.credits.per.period", "1000000000");
        props.setProperty("streams.state.dir", runDir.resolve("state").toString());
        props.setProperty("streams.commit.interval.ms", "100");
        // The killed member stays in the group until its session times out; the broker's minimum keeps the restart
        // from waiting the default 45 s for it.
        props.setProperty("streams.session.timeout.ms", "6000");
        props.setProperty("streams.heartbeat.interval.ms", "1500");
        // The test reads neither health nor metrics: off, so nothing else on the default 9191 can fail the child.
        props.setProperty("management.port", "-1");
        Path file = runDir.resolve("intake.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "IntakeCrashIT");
        }
        return file;
    }

    /** The children's logging: clayflow and Kafka Streams (state, restoration, tasks) at INFO, clients at WARN. */
    private static Path writeLogConfig(Path runDir) throws IOException {
        Path file = runDir.resolve("log4j2-intake.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN" shutdownHook="disable">
                  <Appenders>
                    <Console name="console" target="SYSTEM_OUT">
                      <PatternLayout pattern="%d{HH:mm:ss.SSS} %-5level [%t] %c{1.} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="io.clayflow" level="INFO"/>
                    <Logger name="org.apache.kafka.streams" level="INFO"/>
                    <Root level="WARN"><AppenderRef ref="console"/></Root>
                  </Loggers>
                </Configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static String leadIdOf(String email) {
        return uuid5(LEAD_NAMESPACE, "email:" + normalizedEmail(email)).toString();
    }

    /** RFC 9562 name-based UUID, version 5 (SHA-1). */
    static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** What was produced to {@code leads.raw} and acknowledged: the expectation. */
    static final class Ledger {

        private final List<Integer> people = new ArrayList<>();
        private final Map<String, String> expectedIds = new HashMap<>();
        private final List<String> invalidOrigins = new ArrayList<>();
        private int records;

        synchronized void acknowledged(List<Integer> newPeople, List<String> newInvalidOrigins, int recordCount) {
            people.addAll(newPeople);
            newPeople.forEach(person -> expectedIds.put(leadIdOf(RawWriter.email(person)), RawWriter.email(person)));
            invalidOrigins.addAll(newInvalidOrigins);
            records += recordCount;
        }

        synchronized List<Integer> people() {
            return List.copyOf(people);
        }

        /** The lead id of every person produced, with the person's email. */
        synchronized Map<String, String> expectedIds() {
            return Map.copyOf(expectedIds);
        }

        synchronized List<String> invalidOrigins() {
            return List.copyOf(invalidOrigins);
        }

        synchronized int records() {
            return records;
        }
    }

    /** Produces leads to {@code leads.raw} with the real Avro serializer and records what the broker acknowledged. */
    static final class RawWriter implements AutoCloseable {

        private final KafkaProducer<byte[], byte[]> producer;
        private final KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        private final Ledger ledger;
        private final Random random;
        private final AtomicInteger nextPerson = new AtomicInteger();
        private final AtomicInteger nextInvalid = new AtomicInteger();
        private final AtomicInteger nextCopy = new AtomicInteger();

        RawWriter(KafkaBroker kafka, SchemaRegistryServer registry, Ledger ledger, Random random) {
            this.producer = new KafkaProducer<>(kafka.producerProps());
            this.serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            this.ledger = ledger;
            this.random = random;
        }

        static String email(int person) {
            return "person." + person + "@company" + (person % 50) + ".io";
        }

        private static Lead person(int person, String email, String sourceId) {
            return Lead.newBuilder().setSource("crash-it").setSourceId(sourceId).setOccurredAt(OCCURRED_AT)
                    .setEmail(email).setFirstName("First" + person).setLastName("Last" + person).build();
        }

        /** The same person spelled another way (case, surrounding whitespace), from another source id. */
        private Lead copy(int person) {
            String email = email(person);
            String spelled = switch (random.nextInt(3)) {
                case 0 -> email.toUpperCase(Locale.ROOT);
                case 1 -> "  " + email + "\t";
                default -> "Person." + person + "@Company" + (person % 50) + ".IO ";
            };
            return person(person, spelled, "p" + person + "-copy" + nextCopy.incrementAndGet());
        }

        /** Produces new people, copies of people already acknowledged and invalid leads, shuffled; waits for acks. */
        synchronized int write(int newPeople, int copies, int invalid) {
            List<Integer> known = ledger.people();
            List<Map.Entry<String, Lead>> batch = new ArrayList<>();
            List<Integer> added = new ArrayList<>();
            for (int i = 0; i < newPeople; i++) {
                int person = nextPerson.getAndIncrement();
                added.add(person);
                batch.add(Map.entry("p" + person, person(person, email(person), "p" + person)));
            }
            List<Integer> copyable = known.isEmpty() ? added : known;
            for (int i = 0; i < copies; i++) {
                int person = copyable.get(random.nextInt(copyable.size()));
                batch.add(Map.entry("p" + person + "-copy", copy(person)));
            }
            for (int i = 0; i < invalid; i++) {
                int n = nextInvalid.getAndIncrement();
                batch.add(Map.entry("invalid-" + n, Lead.newBuilder().setSource("crash-it").setSourceId("invalid-" + n)
                        .setOccurredAt(OCCURRED_AT).setEmail("invalid-" + n + "-at-nowhere").build()));
            }
            Collections.shuffle(batch, random);
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (Map.Entry<String, Lead> entry : batch) {
                acks.add(producer.send(new ProducerRecord<>(Topics.LEADS_RAW,
                        entry.getKey().getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(Topics.LEADS_RAW, entry.getValue()))));
            }
            producer.flush();
            List<String> invalidOrigins = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                RecordMetadata metadata;
                try {
                    metadata = acks.get(i).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("Could not produce to " + Topics.LEADS_RAW, e);
                }
                if (batch.get(i).getKey().startsWith("invalid-")) {
                    invalidOrigins.add(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
                }
            }
            ledger.acknowledged(added, invalidOrigins, batch.size());
            return batch.size();
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(10));
            serializer.close();
        }
    }

    /** Input that keeps arriving while the first intake runs, so its upstream tasks are busy when it dies. */
    static final class Trickle {

        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "intake-crash-it-trickle");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicInteger ticks = new AtomicInteger();
        private final AtomicInteger records = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        static Trickle start(RawWriter writer) {
            Trickle trickle = new Trickle();
            trickle.executor.scheduleAtFixedRate(() -> {
                if (trickle.failure.get() != null || trickle.ticks.get() >= TRICKLE_MAX_TICKS) {
                    return;
                }
                try {
                    int tick = trickle.ticks.getAndIncrement();
                    trickle.records.addAndGet(writer.write(TRICKLE_PEOPLE, TRICKLE_COPIES, tick % 2));
                } catch (Throwable e) {
                    trickle.failure.set(e);
                }
            }, 0, TRICKLE_TICK.toMillis(), TimeUnit.MILLISECONDS);
            return trickle;
        }

        /** Stops after the batch in progress, whose records are then acknowledged and in the ledger. */
        void stop() throws InterruptedException {
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).as("trickle producer stopped").isTrue();
            if (failure.get() != null) {
                throw new AssertionError("The trickle producer failed", failure.get());
            }
        }

        int ticks() {
            return ticks.get();
        }

        int records() {
            return records.get();
        }
    }

    /** {@link IntakeApp} in a JVM of its own, on this JVM's class path, its output in a file. */
    static final class IntakeProcess {

        private final String name;
        private final Process process;
        private final Path log;

        private IntakeProcess(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        static IntakeProcess start(String name, Path config, Path logConfig, Path dir) throws IOException {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path log = dir.resolve("intake-" + name + ".log");
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + logConfig,
                    "-cp", System.getProperty("java.class.path"), IntakeApp.class.getName(), config.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(key -> key.startsWith("CLAYFLOW_INTAKE_"));
            Process process = builder.start();
            LOG.info("Started the {} intake, pid {}, log {}", name, process.pid(), log.toAbsolutePath());
            return new IntakeProcess(name, process, log);
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** Sends a signal ({@code STOP}, {@code CONT}) with the {@code kill} command. */
        void signal(String signal) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: " + output);
            }
        }

        /** SIGKILL: no shutdown hook, no close, whatever transaction is open stays open. Returns the exit code. */
        int kill() throws InterruptedException {
            process.destroyForcibly();
            return awaitExit();
        }

        /** SIGTERM: the app's shutdown hook closes Kafka Streams cleanly. Returns the exit code. */
        int stop() throws InterruptedException {
            process.destroy();
            return awaitExit();
        }

        private int awaitExit() throws InterruptedException {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The " + name + " intake did not exit within " + EXIT_TIMEOUT + ". "
                        + describe());
            }
            return process.exitValue();
        }

        void destroyIfAlive() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }

        Path log() {
            return log.toAbsolutePath();
        }

        String logText() throws IOException {
            return Files.readString(log, StandardCharsets.UTF_8);
        }

        String logTail() {
            try {
                List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }

        String describe() {
            return "The " + name + " intake (pid " + process.pid() + ") is "
                    + (process.isAlive() ? "running" : "gone with exit code " + process.exitValue())
                    + "; last lines of " + log() + ":\n" + logTail();
        }

        @Override
        public String toString() {
            return "the " + name + " intake (pid " + process.pid() + ")";
        }
    }

    /** Every record of a topic from the beginning, read by one assigned consumer without a group. */
    static final class TopicTally implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;
        private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

        TopicTally(KafkaBroker kafka, String topic, boolean readCommitted) {
            Map<String, Object> props = kafka.consumerProps(null);
            props.remove(ConsumerConfig.GROUP_ID_CONFIG);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            assertThat(partitions).as("partitions of %s", topic).isNotEmpty();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void pollOnce() {
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }

        /** Reads up to the end (the last stable offset when reading committed data) of every partition. */
        void drainToEnd(Duration timeout) {
            Function<TopicPartition, Long> position = consumer::position;
            Awaitility.await("reading to the end of " + partitions).atMost(timeout).pollInSameThread()
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        pollOnce();
                        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                        return partitions.stream().allMatch(tp -> position.apply(tp) >= ends.get(tp));
                    });
        }

        int count() {
            return records.size();
        }

        List<ConsumerRecord<byte[], byte[]>> records() {
            return List.copyOf(records);
        }

        @Override
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }
}
