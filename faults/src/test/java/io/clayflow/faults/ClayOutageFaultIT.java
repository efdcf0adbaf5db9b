package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Faults;
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
 * Clay down for {@value #OUTAGE_SECONDS} s (the simulator answers every webhook request 503) while leads flow, then
 * back: the Clay sink's circuit opens, the backlog waits in {@code leads.clay.outbox}, the requests Clay sees during
 * the outage stay bounded (no retry storm), and afterwards every lead reaches Clay, is enriched and lands in the
 * warehouse.
 */
@ClayflowIntegrationTest
@Tag("fault")
class ClayOutageFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(ClayOutageFaultIT.class);

    static final int OUTAGE_SECONDS = 60;
    static final int PEOPLE = 4_000;
    static final int ROWS_PER_SECOND = 200;
    /** The Clay sink's defaults: the production resilience settings, not sped up for the test. */
    static final int RETRY_ATTEMPTS = 5;
    static final Duration CIRCUIT_OPEN_WAIT = Duration.ofSeconds(30);

    @Test
    void clayDownForAMinuteHoldsTheBacklogWithoutARetryStormAndDeliversEverythingAfter(
            SchemaRegistryServer registry, Postgres postgres) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "clay-outage")), "run-");
        FaultPipeline.Pace pace = new FaultPipeline.Pace(ROWS_PER_SECOND, 10, CIRCUIT_OPEN_WAIT, Map.of());
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
             FaultPipeline pipeline = FaultPipeline.start(kafka, registry.url(), postgres, dir, pace);
             LeadFeeder feeder = new LeadFeeder(kafka, registry.url(), "clay-outage")) {
            ClaySimulator clay = pipeline.clay();
            TopicProgress progress = new TopicProgress(kafka);
            feeder.write(PEOPLE, 10, 20);
            Set<String> expected = feeder.expectedEmails();

            await("Clay to take its first rows").atMost(Duration.ofSeconds(120))
                    .until(() -> clay.stats().rowsAdded() >= 400);

            // Clay goes down.
            clay.setFaults(Faults.none().withForcedStatus(503));
            SimulatorStats atStart = clay.stats();
            long outboxAtStart = progress.endOffsets(Topics.LEADS_CLAY_OUTBOX);
            List<Long> requestsPerSecond = new ArrayList<>();
            long[] previous = {atStart.requests()};
            long rowsAtOutage = atStart.rowsAdded();
            // The outage's length is the fault itself: sampling Clay's request count each second, Clay takes nothing.
            await("Clay takes nothing while it is down").pollInSameThread().pollDelay(Duration.ofSeconds(1))
                    .pollInterval(Duration.ofSeconds(1)).during(Duration.ofSeconds(OUTAGE_SECONDS))
                    .atMost(Duration.ofSeconds(OUTAGE_SECONDS + 10)).until(() -> {
                        long now = clay.stats().requests();
                        requestsPerSecond.add(now - previous[0]);
                        previous[0] = now;
                        return clay.stats().rowsAdded() == rowsAtOutage;
                    });
            SimulatorStats atEnd = clay.stats();
            long outboxAtEnd = progress.endOffsets(Topics.LEADS_CLAY_OUTBOX);
            long requestsDuringOutage = atEnd.requests() - atStart.requests();
            LOG.info("Clay outage: {} requests in {} s (per second: {}), {} rows added meanwhile; the outbox grew "
                            + "from {} to {} records", requestsDuringOutage, OUTAGE_SECONDS, requestsPerSecond,
                    atEnd.rowsAdded() - rowsAtOutage, outboxAtStart, outboxAtEnd);

            // Clay comes back.
            clay.setFaults(Faults.none());
            long recoveryStart = System.nanoTime();
            await("every unique lead in Clay").atMost(Duration.ofSeconds(180))
                    .failFast("the Connect worker died", () -> !pipeline.process(Part.CONNECT).isAlive())
                    .until(() -> clay.stats().rowsAdded() >= expected.size());
            long allInClayMs = Duration.ofNanos(System.nanoTime() - recoveryStart).toMillis();
            Warehouse warehouse = pipeline.warehouse();
            await("every unique lead in the warehouse").atMost(Duration.ofSeconds(180))
                    .until(() -> warehouse.rows() >= expected.size());
            long allInWarehouseMs = Duration.ofNanos(System.nanoTime() - recoveryStart).toMillis();
            SimulatorStats after = clay.stats();
            LOG.info("Clay back: every lead in Clay {} ms later, in the warehouse {} ms later; requests by status {}, "
                            + "{} rows received, {} added, {} duplicates", allInClayMs, allInWarehouseMs,
                    after.requestsByStatus(), after.rowsReceived(), after.rowsAdded(),
                    after.refused(Refusal.DUPLICATE));
            Report.append("clay-outage", "people=" + expected.size() + " records=" + feeder.records()
                    + " outageSeconds=" + OUTAGE_SECONDS + " requestsDuringOutage=" + requestsDuringOutage
                    + " perSecond=" + requestsPerSecond + " rowsAddedDuringOutage="
                    + (atEnd.rowsAdded() - rowsAtOutage) + " outboxGrowthDuringOutage=" + (outboxAtEnd - outboxAtStart)
                    + " allInClayMs=" + allInClayMs + " allInWarehouseMs=" + allInWarehouseMs
                    + " requestsByStatus=" + after.requestsByStatus() + " duplicates="
                    + after.refused(Refusal.DUPLICATE) + " warehouseRows=" + warehouse.rows());

            // The circuit opened: the worker logged the transition, and requests stopped.
            assertThat(pipeline.process(Part.CONNECT).logText()).as("the Clay sink's circuit opened")
                    .contains("Clay webhook circuit State transition from CLOSED to OPEN");
            // Without a circuit, a sink retrying every 500 ms-30 s backoff would still send; with it, each open period
            // lets one probe through, which (as a call) gets at most RETRY_ATTEMPTS requests.
            long bound = RETRY_ATTEMPTS * (OUTAGE_SECONDS / CIRCUIT_OPEN_WAIT.toSeconds() + 2);
            assertThat(requestsDuringOutage).as("requests Clay saw during the %s s outage", OUTAGE_SECONDS)
                    .isPositive().isLessThanOrEqualTo(bound);
            assertThat(atEnd.rowsAdded()).as("Clay took nothing while down").isEqualTo(rowsAtOutage);
            // The backlog held in Kafka: intake kept releasing into the outbox while Clay was down.
            assertThat(outboxAtEnd).as("outbox records during the outage").isGreaterThan(outboxAtStart);

            // Everything delivered afterwards: each unique lead once in Clay, in the warehouse, none twice.
            assertThat(new HashSet<>(clay.rowLeadIds(FaultPipeline.WEBHOOK))).hasSize(expected.size());
            assertThat(after.rowsAdded()).isEqualTo(expected.size());
            assertThat(after.refused(Refusal.DUPLICATE)).as("rows Clay received twice: at most one batch")
                    .isLessThanOrEqualTo(FaultPipeline.BATCH_MAX_ROWS);
            assertThat(warehouse.emails()).isEqualTo(expected);
            assertThat(warehouse.distinctLeadIds()).isEqualTo(warehouse.rows());
        }
    }
}
