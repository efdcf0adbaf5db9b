package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.fakes.clay.SimulatorStats;
import io.clayflow.faults.FaultPipeline.Part;
import io.clayflow.schemas.Topics;
import io.clayflow.testsupport.ChildJvm;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.RestartableKafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake is frozen (SIGSTOP) while a transaction with leads on the outbox is open, held frozen for a while, then
 * killed (SIGKILL) and started again: the broker aborts that transaction and the restarted intake releases its leads
 * once more. A sink that reads uncommitted records sends the aborted copies to Clay too, so Clay receives those leads
 * twice (paid twice, enriched twice); with sinks reading committed records only, Clay receives every lead once.
 *
 * <p>Counted by {@code lead_id}: the simulator's table refuses a row whose {@code lead_id} it already holds
 * (auto-dedupe), so its {@code duplicate} count is the rows Clay received twice.
 */
@ClayflowIntegrationTest
@Tag("fault")
class AbortedTransactionFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(AbortedTransactionFaultIT.class);

    static final int PEOPLE = 2_000;
    static final int ROWS_PER_SECOND = 200;
    /** Intake commits its transaction once a second: each open transaction holds up to a second of released leads. */
    static final String INTAKE_COMMIT_INTERVAL_MS = "1000";
    /** How long intake stays frozen with its transaction open: time enough for any sink to read what is there. */
    static final Duration FROZEN = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofSeconds(5);

    @Test
    void leadsOfATransactionAbortedByAnIntakeCrashNeverReachClay(SchemaRegistryServer registry, Postgres postgres)
            throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "aborted-transaction")), "run-");
        FaultPipeline.Pace pace = new FaultPipeline.Pace(ROWS_PER_SECOND, 10, Duration.ofSeconds(5), Map.of())
                .with("intake.streams.commit.interval.ms", INTAKE_COMMIT_INTERVAL_MS);
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
             FaultPipeline pipeline = FaultPipeline.start(kafka, registry.url(), postgres, dir, pace);
             LeadFeeder feeder = new LeadFeeder(kafka, registry.url(), "aborted-transaction");
             Admin admin = Admin.create(kafka.adminProps())) {
            ClaySimulator clay = pipeline.clay();
            feeder.write(PEOPLE, 0, 0);
            Set<String> expected = feeder.expectedEmails();
            await("Clay holds a fifth of the people").atMost(Duration.ofSeconds(120))
                    .failFast("intake died", () -> !pipeline.process(Part.INTAKE).isAlive())
                    .until(() -> clay.stats().rowsAdded() >= PEOPLE / 5);

            // Freeze intake at a moment its outbox transaction is open (records past the last stable offset that
            // stay there while it is frozen); let it go on and try again when a commit was already on its way.
            ChildJvm intake = pipeline.process(Part.INTAKE);
            AtomicInteger freezes = new AtomicInteger();
            await("intake frozen with an open outbox transaction").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50)).pollInSameThread()
                    .until(() -> {
                        freezes.incrementAndGet();
                        intake.signal("STOP");
                        if (staysUncommitted(admin)) {
                            return true;
                        }
                        intake.signal("CONT");
                        return false;
                    });
            long uncommittedWhenFrozen = uncommittedRecords(admin);
            SimulatorStats whenFrozen = clay.stats();
            // The transaction stays open while intake is frozen: the sinks have the whole time to read past it.
            await("the outbox transaction open while intake is frozen").pollInSameThread()
                    .during(FROZEN).atMost(FROZEN.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> uncommittedRecords(admin) > 0);
            SimulatorStats beforeKill = clay.stats();
            int exit = pipeline.kill(Part.INTAKE);
            assertThat(exit).as("intake's exit code after SIGKILL").isEqualTo(137);
            pipeline.start(Part.INTAKE);

            await("every person in Clay").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .failFast("a part died", () -> deadPart(pipeline) != null)
                    .until(() -> clay.stats().rowsAdded() >= expected.size());
            await("Clay receives nothing more for " + QUIET.toSeconds() + " s").during(QUIET)
                    .atMost(QUIET.plusSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(new Unchanged(() -> clay.stats().rowsReceived()));
            SimulatorStats after = clay.stats();
            List<ConsumerRecord<byte[], byte[]>> aborted = new TopicDump(kafka).notCommitted(Topics.LEADS_CLAY_OUTBOX);
            Set<String> abortedLeadIds = aborted.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .collect(Collectors.toSet());
            long duplicates = after.refused(Refusal.DUPLICATE);
            String figures = "people=" + expected.size() + " freezes=" + freezes.get() + " uncommittedWhenFrozen="
                    + uncommittedWhenFrozen + " clayRowsWhenFrozen=" + whenFrozen.rowsReceived()
                    + " clayRowsWhileFrozen=" + (beforeKill.rowsReceived() - whenFrozen.rowsReceived())
                    + " abortedOutboxRecords=" + aborted.size() + " abortedLeadIds=" + abortedLeadIds.size()
                    + " clayRowsReceived=" + after.rowsReceived() + " clayRowsAdded=" + after.rowsAdded()
                    + " clayReceivedTwice=" + duplicates;
            LOG.info("Aborted outbox transaction: {}", figures);
            Report.append("aborted-transaction", figures);

            assertThat(aborted).as("outbox records of the transaction the crash aborted").isNotEmpty();
            assertThat(new HashSet<>(clay.rowLeadIds(FaultPipeline.WEBHOOK))).as("each person one Clay row")
                    .hasSize(expected.size());
            assertThat(duplicates).as("rows Clay received twice (by lead_id): leads of the aborted transaction "
                    + "(%s records) sent before their release was committed", aborted.size()).isZero();
            assertThat(after.rowsReceived()).as("rows Clay received").isEqualTo(expected.size());
        }
    }

    /** Records past the outbox's last stable offset for a whole second: a transaction open, not one committing. */
    private static boolean staysUncommitted(Admin admin) throws Exception {
        if (uncommittedRecords(admin) == 0) {
            return false;
        }
        try {
            await("records past the outbox's last stable offset for a second").pollInSameThread()
                    .during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> uncommittedRecords(admin) > 0);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Records past the last stable offset, summed over the outbox's partitions: data of open transactions. */
    private static long uncommittedRecords(Admin admin) throws Exception {
        String topic = Topics.LEADS_CLAY_OUTBOX;
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> high = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get(30, TimeUnit.SECONDS);
        return latest.keySet().stream().mapToLong(tp -> high.get(tp).offset() - stable.get(tp).offset()).sum();
    }

    private static Part deadPart(FaultPipeline pipeline) {
        for (Part part : Part.values()) {
            if (!pipeline.process(part).isAlive()) {
                return part;
            }
        }
        return null;
    }

    /** True when a reading is what it was at the previous call: with {@code during}, "nothing more happens". */
    private static final class Unchanged implements Callable<Boolean> {

        private final LongSupplier reading;
        private long previous = -1;

        Unchanged(LongSupplier reading) {
            this.reading = reading;
        }

        @Override
        public Boolean call() {
            long now = reading.getAsLong();
            boolean same = now == previous;
            previous = now;
            return same;
        }
    }
}
