package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.Refusal;
import io.clayflow.fakes.clay.SimulatorStats;
import io.clayflow.faults.FaultPipeline.Part;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.RestartableKafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker stopped for {@value #OUTAGE_SECONDS} s while leads flow, then started again on the same port with its
 * data: meanwhile the gateway answers 503 (never a 2xx it could not keep), and afterwards every part recovers by itself
 * (no process is restarted) and nothing is lost.
 */
@ClayflowIntegrationTest
@Tag("fault")
class BrokerOutageFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageFaultIT.class);

    static final int OUTAGE_SECONDS = 30;
    static final int PEOPLE = 5_000;
    static final int ROWS_PER_SECOND = 500;

    @Test
    void theBrokerGoneForThirtySecondsGets503sAtTheGatewayAndEverythingRecoversByItself(
            SchemaRegistryServer registry, Postgres postgres) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "broker-outage")), "run-");
        // The simulator's HTTP API column keeps retrying a callback the gateway refused for a little over a minute.
        FaultPipeline.Pace pace = new FaultPipeline.Pace(ROWS_PER_SECOND, 12, Duration.ofSeconds(5), Map.of());
        try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
             FaultPipeline pipeline = FaultPipeline.start(kafka, registry.url(), postgres, dir, pace);
             LeadFeeder feeder = new LeadFeeder(kafka, registry.url(), "broker-outage")) {
            ClaySimulator clay = pipeline.clay();
            Warehouse warehouse = pipeline.warehouse();
            feeder.write(PEOPLE, 10, 20);
            Set<String> expected = new HashSet<>(feeder.expectedEmails());

            await("Clay to take a fifth of the leads").atMost(Duration.ofSeconds(120))
                    .until(() -> clay.stats().rowsAdded() >= PEOPLE / 5);
            SimulatorStats atStop = clay.stats();
            kafka.stopBroker();
            long outageStart = System.nanoTime();

            // While the broker is down: the gateway refuses with 503 (never a 2xx), its readiness says why.
            Map<Integer, Integer> gatewayAnswers = new TreeMap<>();
            Map<Integer, Integer> readinessAnswers = new TreeMap<>();
            AtomicInteger attempt = new AtomicInteger();
            // One probe a second for the outage's length (the fault itself): never a 2xx meanwhile.
            await("the gateway refuses leads while the broker is down").pollInSameThread()
                    .pollInterval(Duration.ofSeconds(1)).during(Duration.ofSeconds(OUTAGE_SECONDS))
                    .atMost(Duration.ofSeconds(OUTAGE_SECONDS * 3L)).until(() -> {
                        HttpResponse<String> response = pipeline.postLeads(lead("during-outage-"
                                + attempt.getAndIncrement()));
                        gatewayAnswers.merge(response.statusCode(), 1, Integer::sum);
                        readinessAnswers.merge(pipeline.gatewayReadiness(), 1, Integer::sum);
                        return response.statusCode() / 100 != 2;
                    });
            SimulatorStats atStart = clay.stats();
            kafka.startBroker();
            long brokerBackMs = Duration.ofNanos(System.nanoTime() - outageStart).toMillis();
            long restartedAt = System.nanoTime();

            await("the gateway ready again").atMost(Duration.ofSeconds(120)).until(
                    () -> pipeline.gatewayReadiness() == 200);
            long gatewayReadyMs = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
            HttpResponse<String> accepted = pipeline.postLeads(lead("after-outage"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            expected.add("after-outage@broker-outage.io");

            await("every lead in the warehouse").atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
                    .failFast("a part died", () -> deadPart(pipeline) != null)
                    .until(() -> warehouse.rows() >= expected.size());
            long allInMs = Duration.ofNanos(System.nanoTime() - restartedAt).toMillis();
            SimulatorStats after = clay.stats();
            long duplicates = after.refused(Refusal.DUPLICATE);
            LOG.info("Broker outage: down {} ms; gateway answers {}, readiness {}; Clay rows {} at the stop, {} "
                            + "when the broker came back; gateway ready {} ms after, every lead in the warehouse {} ms "
                            + "after; Clay requests {}, {} duplicates; callbacks {} sent, {} failed", brokerBackMs,
                    gatewayAnswers, readinessAnswers, atStop.rowsAdded(), atStart.rowsAdded(), gatewayReadyMs,
                    allInMs, after.requestsByStatus(), duplicates, after.callbacksSent(), after.callbacksFailed());
            Report.append("broker-outage", "people=" + expected.size() + " downMs=" + brokerBackMs
                    + " gatewayAnswers=" + gatewayAnswers + " readiness=" + readinessAnswers + " gatewayReadyMs="
                    + gatewayReadyMs + " allInWarehouseMs=" + allInMs + " clayRowsAdded=" + after.rowsAdded()
                    + " duplicates=" + duplicates + " requestsByStatus=" + after.requestsByStatus()
                    + " callbacksFailed=" + after.callbacksFailed() + " warehouseRows=" + warehouse.rows());

            assertThat(gatewayAnswers).as("gateway answers while the broker was down").containsOnlyKeys(503);
            assertThat(readinessAnswers).as("gateway readiness while the broker was down").containsOnlyKeys(503);
            assertThat(deadPart(pipeline)).as("every part recovered by itself, none restarted").isNull();
            Set<String> inWarehouse = warehouse.emails();
            assertThat(inWarehouse).as("nothing lost").containsAll(expected);
            // A 503 means "not acknowledged", not "not written": a send the gateway gave up waiting for may still have
            // reached the log (at-least-once; a client retrying it is deduplicated by intake). Nothing else may appear.
            Set<String> refusedButWritten = new HashSet<>(inWarehouse);
            refusedButWritten.removeAll(expected);
            assertThat(refusedButWritten).as("leads in the warehouse that were not produced or acknowledged")
                    .allMatch(email -> email.startsWith("during-outage-"));
            LOG.info("{} of the {} leads refused with 503 during the outage were written nonetheless",
                    refusedButWritten.size(), attempt);
            assertThat(warehouse.distinctLeadIds()).isEqualTo(warehouse.rows());
            assertThat(after.rowsAdded()).isEqualTo(inWarehouse.size());
            assertThat(after.callbacksFailed()).as("callbacks Clay gave up on").isZero();
            // Offset commits fail while the broker is down, so Connect hands rows over again afterwards; the sink
            // skips those Clay took (it records them as Clay answers). At most the batch in flight is sent twice.
            assertThat(duplicates).as("rows Clay received twice: at most one batch")
                    .isLessThanOrEqualTo(FaultPipeline.BATCH_MAX_ROWS);
        }
    }

    private static String lead(String name) {
        return "[{\"email\": \"" + name + "@broker-outage.io\", \"first_name\": \"Ada\", \"last_name\": \"Outage\", "
                + "\"source\": \"broker-outage\", \"source_id\": \"" + name + "\"}]";
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
