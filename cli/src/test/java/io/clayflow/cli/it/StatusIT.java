package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.cli.ExitCodes;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.schemas.DeadLetterHeaders;
import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.StateStores;
import io.clayflow.schemas.Stage;
import io.clayflow.schemas.Topics;
import io.clayflow.status.ClusterSettings;
import io.clayflow.status.PipelineStatus;
import io.clayflow.status.StatusCollector;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code clayflow status} against a real broker, registry and intake app, after {@code clayflow demo} sent 200 leads
 * and the Clay sink, routing and a Connect dead letter left their records: each counter is what was produced (one
 * test per counter), the table and the JSON show them, and an unreachable cluster is a quick, clear, non-zero exit.
 */
@OwnBrokerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusIT {

    private static final Pattern SENT = Pattern.compile(
            "Sent (\\d+) leads to leads.raw: (\\d+) unique valid, (\\d+) duplicates, (\\d+) invalid");
    private static final int LEADS = 200;
    private static final String CLAY_SINK_GROUP = "connect-clay-webhook-sink";
    /** Intake's shipped estimate: 1 enrichment + the HTTP API callback column. */
    private static final long ACTIONS_PER_ROW = IntakeConfig.LOADER.resolve(Map.of()).costActionsPerRow();

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private IntakeRunner intake;
    private long unique;
    private long duplicates;
    private long invalid;
    private PipelineStatus status;

    @BeforeAll
    void demoLeadsThroughIntakeAndWhatTheSinksWouldWrite(KafkaBroker kafka, SchemaRegistryServer registry)
            throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_DLQ)) {
            kafka.createTopic(topic, topic.equals(Topics.LEADS_DLQ) ? 1 : 3);
        }
        kafka.createTopic(Topics.LEADS_ENRICHED, 1);
        kafka.createTopic(Topics.LEADS_ROUTE_CRM, 1);
        kafka.createTopic(Topics.LEADS_ROUTE_WAREHOUSE, 1);
        kafka.createTopic(Topics.CLAY_SINK_STATE, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        kafka.createTopic(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, 1, Map.of("cleanup.policy", "compact"));

        CliRun demo = CliRun.against(kafka, registry, "demo", "--leads", Integer.toString(LEADS), "--duplicates",
                "0.25", "--invalid", "0.05", "--seed", "99");
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        Matcher sent = SENT.matcher(demo.out());
        assertThat(sent.find()).as(demo.out()).isTrue();
        unique = Long.parseLong(sent.group(2));
        duplicates = Long.parseLong(sent.group(3));
        invalid = Long.parseLong(sent.group(4));
        assertThat(unique + duplicates + invalid).isEqualTo(LEADS);

        // What the Clay sink and routing would have written, and one Connect dead letter.
        kafka.produce(Topics.LEADS_ENRICHED, "lead-1", new byte[] {0});
        kafka.produce(Topics.LEADS_ENRICHED, "lead-2", new byte[] {0});
        kafka.produce(Topics.LEADS_ROUTE_CRM, "lead-1", new byte[] {0});
        // lead-1 reached the CRM too; lead-2 the warehouse alone (unrouted), as routing's header says.
        for (String[] routed : List.of(new String[] {"lead-1", "crm,warehouse"}, new String[] {"lead-2", "warehouse"})) {
            kafka.produce(new ProducerRecord<>(Topics.LEADS_ROUTE_WAREHOUSE, null, null, bytes(routed[0]),
                    new byte[] {0}, new RecordHeaders().add(RouteHeaders.ROUTES, bytes(routed[1]))));
        }
        kafka.produce(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, "a1b2c3d4e5f6", bytes("100"));
        kafka.produce(Topics.CLAY_SINK_STATE, "a1b2c3d4e5f6", bytes("120"));
        kafka.produce(Topics.CLAY_SINK_STATE, "progress/clay-webhook-sink/leads.clay.outbox/0",
                bytes("118@Nxg82kpURkKrvypRTTIr8g"));
        RecordHeaders connect = new RecordHeaders();
        connect.add(DeadLetterHeaders.CONNECT_TOPIC, bytes(Topics.LEADS_CLAY_OUTBOX));
        connect.add(DeadLetterHeaders.CONNECT_CONNECTOR_NAME, bytes("clay-webhook-sink"));
        connect.add(DeadLetterHeaders.CONNECT_STAGE, bytes("TASK_PUT"));
        connect.add(DeadLetterHeaders.CONNECT_EXCEPTION_CLASS, bytes("org.apache.kafka.connect.errors.DataException"));
        kafka.produce(new ProducerRecord<>(Topics.LEADS_DLQ, null, null, bytes("k"), bytes("v"), connect));

        intake = new IntakeRunner(kafka, registry, Files.createTempDirectory("status-it"), Map.of());
        try (StatusCollector collector = new StatusCollector(cluster(), StatusCollector.Options.defaults(),
                Clock.systemUTC())) {
            // Polled as up's screen polls it: incrementally, until intake has caught up.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                PipelineStatus reading = collector.collect();
                assertThat(reading.released()).isEqualTo(unique);
                assertThat(reading.duplicatesDropped()).isEqualTo(duplicates);
            });
            commitTheClaySinkGroupToTheEnd();
            status = collector.collect();
        }
    }

    @AfterAll
    void stopIntake() {
        if (intake != null) {
            intake.close();
        }
    }

    @Test
    void rawCountsEveryLeadDemoSent() {
        assertThat(status.raw()).isEqualTo(LEADS);
    }

    @Test
    void releasedAreTheUniqueValidLeads() {
        assertThat(status.released()).isEqualTo(unique);
    }

    @Test
    void duplicatesDroppedAreTheCopiesDemoSent() {
        assertThat(duplicates).as("a quarter of the leads").isEqualTo(50);
        assertThat(status.duplicatesDropped()).isEqualTo(duplicates);
    }

    @Test
    void invalidLeadsAreIntakesDeadLettersBeforeDedupe() {
        assertThat(status.invalid()).isEqualTo(invalid);
        assertThat(status.deadLetters().get(Stage.INTAKE_VALIDATE.wireName())
                .values().stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(invalid);
    }

    @Test
    void actionsSpentAreTheEstimatePerReleasedLeadAndNothingWaits() {
        assertThat(status.waitingInThrottle()).isZero();
        assertThat(status.creditsSpent()).isEqualTo(unique * ACTIONS_PER_ROW);
        assertThat(status.dataCreditsSpent()).isZero();
        assertThat(status.budgetPeriodStart()).isNotNull();
    }

    @Test
    void theClaySenderLagIsTheSinkGroupsLagOnTheOutbox() {
        assertThat(status.claySenderLag()).containsExactly(Map.entry(CLAY_SINK_GROUP, 0L));
    }

    @Test
    void consumerLagCoversIntakesGroupAndEachConnectGroup() {
        assertThat(status.consumerLag()).containsEntry(CLAY_SINK_GROUP, 0L)
                .containsKey(StateStores.Intake.APPLICATION_ID)
                .doesNotContainKey(StateStores.Routing.APPLICATION_ID);
    }

    @Test
    void enrichedAndRoutedCountTheirTopics() {
        assertThat(status.enriched()).isEqualTo(2);
        assertThat(status.routed()).containsExactly(Map.entry("crm", 1L), Map.entry("warehouse", 2L));
        assertThat(status.unrouted()).isEqualTo(1L);
    }

    @Test
    void webhookSubmissionsAreTheLargestCountUnderEitherNameAndProgressIsNoCount() {
        assertThat(status.webhookSubmissions()).containsExactly(Map.entry("a1b2c3d4e5f6", 120L));
    }

    @Test
    void connectDeadLettersAreGroupedByConnectorStageAndExceptionClass() {
        assertThat(status.deadLetters()).containsEntry("connect.clay-webhook-sink.task_put",
                Map.of("DataException", 1L));
        assertThat(status.deadLetterTotal()).isEqualTo(invalid + 1);
    }

    @Test
    void theTableShowsTheCounters() throws Exception {
        CliRun run = CliRun.against(kafka, registry, "status", "--connect-url", closedUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("raw\\s+" + LEADS)
                .containsPattern("duplicates dropped\\s+" + duplicates)
                .containsPattern("released to Clay\\s+" + unique)
                .containsPattern("invalid\\s+" + invalid)
                .containsPattern("routed crm\\s+1")
                .containsPattern("unrouted\\s+1\\s+reached no route but the warehouse")
                .containsPattern("Clay sender lag\\s+0\\s+" + CLAY_SINK_GROUP)
                .contains("connect.clay-webhoo", "DataException", "webhook quota used", "120")
                .containsPattern("Kafka Connect\\s+n/a\\s+cannot reach Kafka Connect at ");
    }

    @Test
    void theJsonShowsTheCountersUnderTheirDocumentedNames() throws Exception {
        CliRun run = CliRun.against(kafka, registry, "status", "--output", "json", "--connect-url", closedUrl());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("funnel").path("raw").asLong()).isEqualTo(LEADS);
        assertThat(json.path("funnel").path("released").asLong()).isEqualTo(unique);
        assertThat(json.path("funnel").path("duplicates_dropped").asLong()).isEqualTo(duplicates);
        assertThat(json.path("funnel").path("invalid").asLong()).isEqualTo(invalid);
        assertThat(json.path("routed").path("crm").asLong()).isEqualTo(1);
        assertThat(json.path("unrouted").asLong()).isEqualTo(1);
        assertThat(json.path("clay_sender_lag").path(CLAY_SINK_GROUP).asLong()).isZero();
        assertThat(json.path("dead_letters").path("total").asLong()).isEqualTo(invalid + 1);
        assertThat(json.path("dead_letters").path("by_stage").path("connect.clay-webhook-sink.task_put")
                .path("DataException").asLong()).isEqualTo(1);
        assertThat(json.path("webhook_quota").path("used").path("a1b2c3d4e5f6").asLong()).isEqualTo(120);
        assertThat(json.path("budget").path("credits_spent").asLong()).isEqualTo(unique * ACTIONS_PER_ROW);
        assertThat(json.path("connect").path("reachable").asBoolean()).isFalse();
        assertThat(json.path("check").path("exit_code").asInt()).as("what --check would say").isEqualTo(10);
    }

    @Test
    void anUnreachableClusterIsAClearNonZeroExitWithinTheTimeout() throws Exception {
        String closed = closedUrl().substring("http://".length());
        long started = System.nanoTime();
        CliRun run = CliRun.run("status", "--bootstrap-servers", closed, "--timeout", "2s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("cannot reach the Kafka cluster at 127.0.0.1:");
        assertThat(run.out()).isEmpty();
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    private ClusterSettings cluster() {
        return new ClusterSettings(kafka.bootstrapServers(), registry.url(), Map.of(), Duration.ofSeconds(30));
    }

    /** The Clay sink's consumer group as Connect names it, having committed everything released so far. */
    private void commitTheClaySinkGroupToTheEnd() throws Exception {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            Map<TopicPartition, OffsetSpec> outbox = new HashMap<>();
            admin.describeTopics(List.of(Topics.LEADS_CLAY_OUTBOX)).allTopicNames().get().get(Topics.LEADS_CLAY_OUTBOX)
                    .partitions().forEach(partition -> outbox.put(new TopicPartition(Topics.LEADS_CLAY_OUTBOX,
                            partition.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            admin.listOffsets(outbox).all().get().forEach((partition, info) -> end.put(partition,
                    new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(CLAY_SINK_GROUP, end).all().get();
        }
    }

    /** An address nothing listens on. */
    static String closedUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
