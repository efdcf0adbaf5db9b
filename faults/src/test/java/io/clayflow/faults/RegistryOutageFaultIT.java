package io.clayflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.SimulatorStats;
import io.clayflow.faults.FaultPipeline.Part;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.CuttableTcpProxy;
import io.clayflow.testsupport.Postgres;
import io.clayflow.testsupport.RestartableKafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry unreachable for {@value #OUTAGE_SECONDS} s (a proxy in front of it refuses connections, as a
 * registry that is down does) while leads flow, with the gateway and intake restarted meanwhile so they have nothing
 * cached: a new producer fails loudly (an exception, a 503), nothing is written that does not decode, no lead is
 * dead-lettered for the outage, and once the registry is back everything flows again without a restart.
 */
@ClayflowIntegrationTest
@Tag("fault")
class RegistryOutageFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageFaultIT.class);

    static final int OUTAGE_SECONDS = 30;
    static final int PEOPLE = 2_000;
    static final int MORE_PEOPLE = 500;
    static final int INVALID = 20;
    static final int ROWS_PER_SECOND = 200;

    @Test
    void withTheRegistryDownProducersFailLoudlyNothingUndecodableIsWrittenAndAllRecovers(
            SchemaRegistryServer registry, Postgres postgres) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "registry-outage")), "run-");
        URI real = URI.create(registry.url());
        try (CuttableTcpProxy proxy = CuttableTcpProxy.start(real.getPort())) {
            String viaProxy = registry.url().replace(":" + real.getPort() + "/", ":" + proxy.port() + "/");
            FaultPipeline.Pace pace = new FaultPipeline.Pace(ROWS_PER_SECOND, 12, Duration.ofSeconds(5), Map.of());
            try (RestartableKafkaBroker kafka = RestartableKafkaBroker.start();
                 FaultPipeline pipeline = FaultPipeline.start(kafka, viaProxy, postgres, dir, pace);
                 LeadFeeder feeder = new LeadFeeder(kafka, viaProxy, "registry-outage")) {
                ClaySimulator clay = pipeline.clay();
                Warehouse warehouse = pipeline.warehouse();
                feeder.write(PEOPLE, 10, INVALID);
                await("Clay to take a fifth of the leads").atMost(Duration.ofSeconds(120))
                        .until(() -> clay.stats().rowsAdded() >= PEOPLE / 5);

                proxy.cut();
                long outageStart = System.nanoTime();
                // Intake and the gateway restart while the registry is down: nothing cached, they need it.
                pipeline.kill(Part.INTAKE);
                pipeline.start(Part.INTAKE);
                pipeline.kill(Part.GATEWAY);
                pipeline.start(Part.GATEWAY);

                // A new upstream producer: its serializer cannot register or look up the schema, and says so.
                List<String> producerErrors = new ArrayList<>();
                try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
                    serializer.configure(Map.of("schema.registry.url", viaProxy), false);
                    Lead lead = Lead.newBuilder().setSource("registry-outage").setEmail("new@registry-outage.io")
                            .setOccurredAt(Instant.parse("2026-11-20T10:00:00Z")).build();
                    assertThatThrownBy(() -> serializer.serialize(Topics.LEADS_RAW, lead))
                            .as("a producer's serializer while the registry is down")
                            .isInstanceOf(SerializationException.class)
                            .satisfies(e -> producerErrors.add(e.toString()));
                }
                // The restarted gateway answers (once it listens) 503 to leads and is not ready.
                List<Integer> gatewayAnswers = new ArrayList<>();
                await("the restarted gateway to answer").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> gatewayAnswers.add(pipeline.postLeads(lead("during-outage")).statusCode()));
                int readiness = pipeline.gatewayReadiness();
                SimulatorStats atStart = clay.stats();
                // The outage's length is the fault itself: every part rides it out.
                Duration left = Duration.ofNanos(outageStart + Duration.ofSeconds(OUTAGE_SECONDS).toNanos()
                        - System.nanoTime());
                if (!left.isNegative() && !left.isZero()) {
                    await("every part alive while the registry is down").during(left)
                            .atMost(left.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                            .until(() -> Arrays.stream(Part.values()).allMatch(p -> pipeline.process(p).isAlive()));
                }
                HttpResponse<String> lateInOutage = pipeline.postLeads(lead("late-in-outage"));
                gatewayAnswers.add(lateInOutage.statusCode());
                SimulatorStats atEnd = clay.stats();
                String intakeLog = pipeline.process(Part.INTAKE).logText();

                proxy.restore();
                long restoredAt = System.nanoTime();
                await("the gateway ready again").atMost(Duration.ofSeconds(60))
                        .until(() -> pipeline.gatewayReadiness() == 200);
                long gatewayReadyMs = Duration.ofNanos(System.nanoTime() - restoredAt).toMillis();
                HttpResponse<String> accepted = pipeline.postLeads(lead("after-outage"));
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                feeder.write(MORE_PEOPLE, 0, 0);
                Set<String> expected = new HashSet<>(feeder.expectedEmails());
                expected.add("after-outage@registry-outage.io");

                await("every lead in the warehouse").atMost(Duration.ofSeconds(300))
                        .pollInterval(Duration.ofSeconds(1)).until(() -> warehouse.rows() >= expected.size());
                long allInMs = Duration.ofNanos(System.nanoTime() - restoredAt).toMillis();

                TopicDump dump = new TopicDump(kafka);
                List<String> undecodable = new ArrayList<>();
                for (String topic : FaultPipeline.PIPELINE_TOPICS) {
                    undecodable.addAll(dump.undecodable(topic, registry.url()));
                }
                int deadLetters = dump.all(Topics.LEADS_DLQ).size();
                SimulatorStats after = clay.stats();
                LOG.info("Registry outage: producer errors {}; gateway answers {} (readiness {}); Clay rows {} -> {} "
                                + "during the outage; gateway ready {} ms after the registry came back, every lead in "
                                + "the warehouse after {} ms; {} undecodable records, {} dead letters",
                        producerErrors, gatewayAnswers, readiness, atStart.rowsAdded(), atEnd.rowsAdded(),
                        gatewayReadyMs, allInMs, undecodable.size(), deadLetters);
                Report.append("registry-outage", "people=" + expected.size() + " outageSeconds=" + OUTAGE_SECONDS
                        + " producerErrors=" + producerErrors + " gatewayAnswers=" + gatewayAnswers + " readiness="
                        + readiness + " clayRowsDuringOutage=" + (atEnd.rowsAdded() - atStart.rowsAdded())
                        + " gatewayReadyMs=" + gatewayReadyMs + " allInWarehouseMs=" + allInMs + " undecodable="
                        + undecodable.size() + " deadLetters=" + deadLetters + " invalid=" + INVALID
                        + " clayRowsAdded=" + after.rowsAdded() + " warehouseRows=" + warehouse.rows()
                        + " warehouseEmailsNotExpected=" + (warehouse.emails().size() - expected.size()));

                assertThat(gatewayAnswers).as("the restarted gateway's answers to leads while the registry is down")
                        .containsOnly(503);
                assertThat(readiness).as("gateway readiness while the registry is down").isEqualTo(503);
                assertThat(intakeLog).as("the restarted intake says it cannot reach the registry")
                        .containsIgnoringCase("registry");
                assertThat(undecodable).as("records that do not decode").isEmpty();
                assertThat(deadLetters).as("dead letters: only the invalid leads, none for the outage")
                        .isEqualTo(INVALID);
                Set<String> inWarehouse = warehouse.emails();
                assertThat(inWarehouse).as("nothing lost").containsAll(expected);
                // The gateway answers 503 when its send is not acknowledged in time, but the send stays queued and
                // may complete once the registry is back (at-least-once; a retrying client is deduplicated by intake).
                Set<String> refusedButWritten = new HashSet<>(inWarehouse);
                refusedButWritten.removeAll(expected);
                assertThat(refusedButWritten).as("leads in the warehouse that were not produced or acknowledged")
                        .isSubsetOf("during-outage@registry-outage.io", "late-in-outage@registry-outage.io");
                assertThat(after.rowsAdded()).isEqualTo(inWarehouse.size());
                assertThat(after.callbacksFailed()).as("callbacks Clay gave up on").isZero();
                for (Part part : Part.values()) {
                    assertThat(pipeline.process(part).isAlive()).as("%s still running", part).isTrue();
                }
            }
        }
    }

    private static String lead(String name) {
        return "[{\"email\": \"" + name + "@registry-outage.io\", \"first_name\": \"Ada\", \"last_name\": \"Registry\", "
                + "\"source\": \"registry-outage\", \"source_id\": \"" + name + "\"}]";
    }
}
