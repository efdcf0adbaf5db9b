package io.clayflow.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clayflow.cli.status.StatusProblem;
import io.clayflow.fakes.clay.ClaySimulator;
import io.clayflow.fakes.clay.SimulatorConfig;
import io.clayflow.fakes.clay.WebhookConfig;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code clayflow status} against a real Kafka Connect worker running clayflow's Clay sink: a connector whose task
 * FAILED on the Clay fake's 401 shows FAILED with the first line of its trace, in the JSON's documented fields and the
 * table; {@code --check} exits with the code of each kind of problem, the most urgent when several hold; an
 * unreachable Connect is its own code; {@code --watch} prints one reading per interval.
 */
@OwnBrokerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusConnectIT {

    private static final String TOKEN = "the-webhook-token";
    private static final String RUNNING = "clay-sink";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUN = new AtomicInteger();

    private KafkaBroker kafka;
    private SchemaRegistryServer registry;
    private ClaySimulator clay;
    private ConnectWorkerRunner worker;

    @BeforeAll
    void aWorkerWithARunningClaySink(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                Topics.LEADS_DLQ)) {
            kafka.createTopic(topic, 1);
        }
        clay = ClaySimulator.start(SimulatorConfig.builder().port(0)
                .webhook(WebhookConfig.of("main").withToken(TOKEN)).build());
        worker = ConnectWorkerRunner.start(kafka.bootstrapServers());
        worker.putConnector(RUNNING, claySink(topic(), TOKEN));
        worker.awaitTask(RUNNING, "RUNNING");
    }

    @AfterAll
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (clay != null) {
            clay.close();
        }
    }

    @Test
    void jsonNamesEachConnectorAndTaskWithItsStateAndCheckPassesWhenAllRun() throws Exception {
        CliRun run = status("--output", "json", "--check");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode connect = JSON.readTree(run.out()).path("connect");
        assertThat(connect.path("url").asText()).isEqualTo(worker.url());
        assertThat(connect.path("reachable").asBoolean()).isTrue();
        assertThat(connect.path("error").isNull()).isTrue();
        JsonNode connector = connector(connect, RUNNING);
        assertThat(connector.path("type").asText()).isEqualTo("sink");
        assertThat(connector.path("state").asText()).isEqualTo("RUNNING");
        assertThat(connector.path("worker_id").asText()).isNotBlank();
        assertThat(connector.path("trace").isNull()).isTrue();
        assertThat(connector.path("tasks").path(0).path("id").asInt()).isZero();
        assertThat(connector.path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");
        assertThat(JSON.readTree(run.out()).path("check").path("problems")).isEmpty();
    }

    @Test
    void aSinkFailedOnClays401ShowsFailedWithTheFirstLineOfItsTraceAndCheckExits11() throws Exception {
        String failing = "clay-sink-wrong-token";
        String topic = topic();
        produceLead(topic);
        worker.putConnector(failing, claySink(topic, "not-" + TOKEN));
        try {
            worker.awaitTask(failing, "FAILED");

            CliRun json = status("--output", "json", "--check");
            CliRun text = status();

            assertThat(json.exitCode()).as(json.err()).isEqualTo(StatusProblem.CONNECTOR_FAILED.exitCode());
            JsonNode task = connector(JSON.readTree(json.out()).path("connect"), failing).path("tasks").path(0);
            assertThat(task.path("state").asText()).isEqualTo("FAILED");
            assertThat(task.path("trace").asText()).startsWith("org.apache.kafka.connect.errors.ConnectException")
                    .contains("Clay refused the webhook token", "HTTP 401").doesNotContain("\n", "\tat ");
            assertThat(JSON.readTree(json.out()).path("check").path("problems").path(0).path("kind").asText())
                    .isEqualTo("connector_failed");
            assertThat(text.exitCode()).as("without --check the reading itself succeeded").isZero();
            assertThat(text.out()).containsPattern("task " + failing + "/0\\s+FAILED\\s+org.apache.kafka.connect"
                    + ".errors.ConnectException: .*HTTP 401");
        } finally {
            worker.deleteConnector(failing);
        }
    }

    @Test
    void checkExits12WhenAConsumerGroupIsFurtherBehindThanMaxLag() throws Exception {
        String group = laggingGroup(5);

        CliRun above = status("--output", "json", "--check", "--max-lag", "4");
        CliRun within = status("--output", "json", "--check", "--max-lag", "5");

        assertThat(above.exitCode()).as(above.out()).isEqualTo(StatusProblem.LAG_ABOVE_THRESHOLD.exitCode());
        assertThat(JSON.readTree(above.out()).path("consumer_lag").path(group).asLong()).isEqualTo(5);
        assertThat(JSON.readTree(above.out()).path("check").path("problems").path(0).path("message").asText())
                .contains(group, "5 records behind");
        assertThat(within.exitCode()).as(within.out()).isZero();
    }

    @Test
    void checkExits13WhenThereAreMoreDeadLettersThanMaxDlq() throws Exception {
        long before = JSON.readTree(status("--output", "json").out()).path("dead_letters").path("total").asLong();
        kafka.produce(Topics.LEADS_DLQ, "dead-1", bytes("not a lead"));
        long total = before + 1;

        CliRun above = status("--check", "--max-dlq", Long.toString(total - 1));
        CliRun within = status("--check", "--max-dlq", Long.toString(total));

        assertThat(above.exitCode()).as(above.out()).isEqualTo(StatusProblem.DEAD_LETTERS_ABOVE_THRESHOLD.exitCode());
        assertThat(above.out()).contains("! " + total + " dead letters (--max-dlq " + (total - 1) + ")");
        assertThat(within.exitCode()).as(within.out()).isZero();
    }

    @Test
    void whenSeveralHoldTheMostUrgentCodeWinsAndTheJsonListsThemAll() throws Exception {
        laggingGroup(3);
        kafka.produce(Topics.LEADS_DLQ, "dead-2", bytes("not a lead"));

        CliRun run = status("--output", "json", "--check", "--max-lag", "2", "--max-dlq", "0");

        assertThat(run.exitCode()).isEqualTo(StatusProblem.LAG_ABOVE_THRESHOLD.exitCode());
        List<String> kinds = new ArrayList<>();
        JSON.readTree(run.out()).path("check").path("problems").forEach(problem -> kinds.add(problem.path("kind")
                .asText()));
        assertThat(kinds).contains("lag_above_threshold", "dead_letters_above_threshold");
    }

    @Test
    void anUnreachableConnectIsItsOwnExitCode() throws Exception {
        String closed = StatusIT.closedUrl();

        CliRun checked = CliRun.against(kafka, registry, "status", "--connect-url", closed, "--check", "--output",
                "json");
        CliRun unchecked = CliRun.against(kafka, registry, "status", "--connect-url", closed, "--output", "json");

        assertThat(checked.exitCode()).isEqualTo(StatusProblem.CONNECT_UNREACHABLE.exitCode());
        assertThat(unchecked.exitCode()).as("the counters were read").isZero();
        JsonNode connect = JSON.readTree(unchecked.out()).path("connect");
        assertThat(connect.path("reachable").asBoolean()).isFalse();
        assertThat(connect.path("error").asText()).startsWith("cannot reach Kafka Connect at " + closed);
        assertThat(connect.path("connectors")).isEmpty();
    }

    @Test
    void watchPrintsOneReadingPerIntervalUntilTheIterationsAreDone() throws Exception {
        CliRun run = status("--output", "json", "--watch", "300ms", "--iterations", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> readings = run.out().lines().toList();
        assertThat(readings).hasSize(3);
        List<Instant> times = new ArrayList<>();
        for (String reading : readings) {
            times.add(Instant.parse(JSON.readTree(reading).path("collected_at").asText()));
        }
        assertThat(times).isSorted().doesNotHaveDuplicates();
    }

    private CliRun status(String... options) {
        List<String> args = new ArrayList<>(List.of("--connect-url", worker.url()));
        args.addAll(List.of(options));
        return CliRun.against(kafka, registry, "status", args.toArray(String[]::new));
    }

    private static JsonNode connector(JsonNode connect, String name) {
        for (JsonNode connector : connect.path("connectors")) {
            if (connector.path("name").asText().equals(name)) {
                return connector;
            }
        }
        throw new AssertionError("no connector " + name + " in " + connect);
    }

    private Map<String, String> claySink(String topic, String token) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.clayflow.connect.clay.ClayWebhookSinkConnector");
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        // Every clayflow sink reads committed records only, and refuses to start otherwise.
        config.put("consumer.override.isolation.level", "read_committed");
        config.put("schema.registry.url", registry.url());
        config.put("clay.webhook.urls", clay.webhookUrl("main"));
        config.put("clay.webhook.token", token);
        config.put("clay.webhook.quota.bootstrap.servers", kafka.bootstrapServers());
        config.put("clay.webhook.quota.topic", topic + ".state");
        return config;
    }

    private String topic() {
        String topic = "status-connect-it-" + RUN.incrementAndGet();
        kafka.createTopic(topic, 1);
        return topic;
    }

    private void produceLead(String topic) {
        try (KafkaAvroSerializer serializer = new KafkaAvroSerializer()) {
            serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "true"),
                    false);
            Lead lead = Lead.newBuilder().setLeadId("lead-401").setEmail("ann@acme.com").setSource("status-it")
                    .setOccurredAt(Instant.now()).build();
            kafka.produce(new ProducerRecord<>(topic, bytes("lead-401"), serializer.serialize(topic, lead)));
        }
    }

    /** A Connect-named group that committed nothing of {@code records} records: that many behind. */
    private String laggingGroup(int records) throws Exception {
        String topic = topic();
        for (int i = 0; i < records; i++) {
            kafka.produce(topic, "k" + i, bytes("v"));
        }
        String group = "connect-lagging-" + topic;
        try (Admin admin = Admin.create(kafka.adminProps())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return group;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
