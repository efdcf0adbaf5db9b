package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.fakes.clay.SimulatorStats;
import io.clayflow.faults.FaultPipeline.Part;
import io.clayflow.schemas.Topics;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.RestartableKafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While leads flow, each part is killed in turn with SIGKILL (intake, routing, the Connect worker, the gateway: each a
 * JVM of its own) and started again at once with the same configuration and state: every unique valid lead ends up in
 * the warehouse, and Clay receives each lead once, except the one batch the Clay sink had in flight when its worker
 * died.
 *
 * <p>{@code -Dfaults.kill.leads=N} sets the number of people (default {@value #DEFAULT_PEOPLE}).
 */
@ClayflowIntegrationTest
@Tag("fault")
class PartKillFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(PartKillFaultIT.class);

    static final int DEFAULT_PEOPLE = 20_000;
    static final int ROWS_PER_SECOND = 1_000;
    static final int COPY_EVERY = 20;
    static final int INVALID = 50;
    /** Kill each part when Clay holds this share of the people. */
    static final List<Map.Entry<Part, Double>> KILL_AT = List.of(Map.entry(Part.INTAKE, 0.10),
            Map.entry(Part.ROUTING, 0.30), Map.entry(Part.CONNECT, 0.50), Map.entry(Part.GATEWAY, 0.70));

    @Test
    void killingEachPartMidFlowLosesNothingAndResendsToClayOnlyWhatWasUncommitted(SchemaRegistryServer registry,
            Postgres postgres) throws Exception {
        int people = Integer.getInteger("faults.kill.leads", DEFAULT_PEOPLE);
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "part-kill")), "run-");
        FaultPipeline.Pace pace = new FaultPipeline.Pace(ROWS_PER_SECOND, 10, Duration.ofSeconds(5), Map.of());
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
             FaultPipeline pipeline = FaultPipeline.start(kafka, registry.url(), postgres, dir, pace);
             LeadFeeder feeder = new LeadFeeder(kafka, registry.url(), "part-kill")) {
            ClaySimulator clay = pipeline.clay();
            TopicProgress progress = new TopicProgress(kafka);
            Warehouse warehouse = pipeline.warehouse();
            long start = System.nanoTime();
            feeder.write(people, COPY_EVERY, INVALID);
            Set<String> expected = feeder.expectedEmails();
            LOG.info("Produced {} records ({} people) to leads.raw in {} ms", feeder.records(), expected.size(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());

            List<String> kills = new ArrayList<>();
            long duplicatesBeforeConnectKill = -1;
            for (Map.Entry<Part, Double> step : KILL_AT) {
                Part part = step.getKey();
                long threshold = Math.round(step.getValue() * expected.size());
                await(part + " killed once Clay holds " + threshold + " leads").atMost(Duration.ofSeconds(300))
                        .pollInterval(Duration.ofMillis(100))
                        .failFast("a part died", () -> deadPart(pipeline) != null)
                        .until(() -> clay.stats().rowsAdded() >= threshold);
                SimulatorStats before = clay.stats();
                if (part == Part.CONNECT) {
                    duplicatesBeforeConnectKill = before.refused(Refusal.DUPLICATE);
                }
                long outbox = progress.endOffsets(Topics.LEADS_CLAY_OUTBOX);
                long enriched = progress.endOffsets(Topics.LEADS_ENRICHED);
                long routed = progress.endOffsets(Topics.LEADS_ROUTE_WAREHOUSE);
                long inWarehouse = warehouse.rows();
                int exit = pipeline.kill(part);
                assertThat(exit).as("%s exit code after SIGKILL", part).isEqualTo(137);
                long killedAt = System.nanoTime();
                pipeline.start(part);
                pipeline.awaitReady(part);
                long downMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
                String kill = part + ": killed at " + before.rowsAdded() + " Clay rows (outbox end " + outbox
                        + ", enriched end " + enriched + ", warehouse route end " + routed + ", warehouse rows "
                        + inWarehouse + "), exit " + exit + ", restarted and ready in " + downMs + " ms";
                kills.add(kill);
                LOG.info("Kill {}", kill);
            }

            await("every unique valid lead in the warehouse").atMost(Duration.ofSeconds(600))
                    .pollInterval(Duration.ofSeconds(1))
                    .failFast("a part died", () -> deadPart(pipeline) != null)
                    .until(() -> warehouse.rows() >= expected.size());
            long totalMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            SimulatorStats after = clay.stats();
            Set<String> inWarehouse = warehouse.emails();
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(inWarehouse);
            long duplicates = after.refused(Refusal.DUPLICATE);
            LOG.info("All {} people in the warehouse {} ms after the first produce; Clay: {} rows received, {} added, "
                            + "{} duplicates, requests {}; callbacks {} sent, {} failed, {} duplicated", expected.size(),
                    totalMs, after.rowsReceived(), after.rowsAdded(), duplicates, after.requestsByStatus(),
                    after.callbacksSent(), after.callbacksFailed(), after.callbacksDuplicated());
            Report.append("part-kill", "people=" + expected.size() + " records=" + feeder.records() + " totalMs="
                    + totalMs + " kills=" + kills + " clayRowsReceived=" + after.rowsReceived() + " clayRowsAdded="
                    + after.rowsAdded() + " clayDuplicates=" + duplicates + " duplicatesBeforeConnectKill="
                    + duplicatesBeforeConnectKill + " requestsByStatus="
                    + after.requestsByStatus() + " callbacksSent=" + after.callbacksSent() + " callbacksFailed="
                    + after.callbacksFailed() + " warehouseRows=" + warehouse.rows() + " missing=" + missing.size());

            assertThat(missing).as("unique valid leads missing from the warehouse").isEmpty();
            assertThat(inWarehouse).as("nothing but the people produced").isEqualTo(expected);
            assertThat(warehouse.distinctLeadIds()).isEqualTo(expected.size());
            assertThat(after.rowsAdded()).as("each person is one Clay row").isEqualTo(expected.size());
            assertThat(after.callbacksFailed()).as("callbacks Clay gave up on").isZero();
            // Only the Connect kill may resend, and only the batch that was in flight: the sink records what Clay took
            // as Clay answers, so rows Connect hands over again (its offsets commit later, between puts) are skipped.
            // The other kills resend nothing to Clay (intake is exactly-once).
            assertThat(duplicatesBeforeConnectKill).as("rows Clay received twice after the intake and routing kills")
                    .isZero();
            assertThat(duplicates).as("rows Clay received twice, all after the Connect kill: at most one batch")
                    .isLessThanOrEqualTo(FaultPipeline.BATCH_MAX_ROWS);
        }
    }

    private static Part deadPart(FaultPipeline pipeline) {
        for (Part part : Part.values()) {
            if (!pipeline.process(part).isAlive()) {
                return part;
            }
        }
        return null;
    }
}
