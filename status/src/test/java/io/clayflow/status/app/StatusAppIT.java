package io.clayflow.status.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.schemas.EnrichedLead;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.RouteHeaders;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.KafkaAvroSerializer;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.GrafanaDashboard;
import io.clayflow.testsupport.HeadlessChromium;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The status app on its own port, against a real broker, registry and intake app: 8 leads (2 of them copies) and a
 * poison record on {@code leads.raw}, intake releasing the 6 unique ones, a Clay-sink group caught up, 4 enriched
 * records, routed records and webhook counts under both names of the Clay sink's state topic. {@code /status.json},
 * the {@code clayflow_pipeline_*} gauges and the page drawn by headless Chromium show those counts; health answers
 * as a probe needs.
 */
@ClayflowIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusAppIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Vertx vertx = Vertx.vertx();
    private KafkaStreams intake;
    private StatusServer status;

    @BeforeAll
    void aPipelineWithEveryKindOfRecord(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                Topics.LEADS_DLQ, Topics.LEADS_ROUTE_CRM, Topics.LEADS_ROUTE_WAREHOUSE)) {
            kafka.createTopic(topic, 1);
        }
        kafka.createTopic(Topics.CLAY_SINK_STATE, 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic(Topics.COST_EVENTS, 1); // intake books every release in its cost ledger
        kafka.createTopic(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, 1, Map.of("cleanup.policy", "compact"));

        // 6 people, 2 of them twice (case and whitespace variants intake's dedupe catches), and one poison record.
        List<ProducerRecord<byte[], byte[]>> raw = new ArrayList<>();
        try (KafkaAvroSerializer serializer = serializer(registry)) {
            for (String email : List.of("ann@acme.com", "bo@acme.com", "cy@acme.com", "di@acme.com", "ed@acme.com",
                    "fay@acme.com", "ANN@acme.com", " bo@acme.com")) {
                raw.add(new ProducerRecord<>(Topics.LEADS_RAW, serializer.serialize(Topics.LEADS_RAW, lead(email))));
            }
        }
        raw.add(new ProducerRecord<>(Topics.LEADS_RAW, bytes("not avro")));
        kafka.produceAll(raw);

        intake = intake(kafka, registry);
        intake.start();
        // Committed records, not end offsets: intake writes transactions, whose markers take offsets too.
        assertThat(kafka.consume(Topics.LEADS_CLAY_OUTBOX, 6, TIMEOUT)).hasSize(6);
        commitTheClaySinkGroupToTheEnd(kafka);
        List<ProducerRecord<byte[], byte[]>> downstream = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            downstream.add(new ProducerRecord<>(Topics.LEADS_ENRICHED, bytes("lead-" + i), bytes("enriched")));
            // As routing writes them: lead-3 reached the CRM too, the other three the warehouse alone (unrouted).
            downstream.add(route(Topics.LEADS_ROUTE_WAREHOUSE, "lead-" + i, i == 3 ? "crm,warehouse" : "warehouse"));
        }
        downstream.add(route(Topics.LEADS_ROUTE_CRM, "lead-3", "crm,warehouse"));
        // One webhook counted under the legacy name only, one under both (the larger count is its count).
        downstream.add(new ProducerRecord<>(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, bytes("a1b2c3"), bytes("5")));
        downstream.add(new ProducerRecord<>(Topics.LEGACY_CLAY_WEBHOOK_QUOTA, bytes("d4e5f6"), bytes("3")));
        downstream.add(new ProducerRecord<>(Topics.CLAY_SINK_STATE, bytes("d4e5f6"), bytes("4")));
        downstream.add(new ProducerRecord<>(Topics.CLAY_SINK_STATE,
                bytes("progress/clay-webhook-sink/leads.clay.outbox/0"), bytes("6@Nxg82kpURkKrvypRTTIr8g")));
        kafka.produceAll(downstream);

        status = StatusServer.start(vertx, StatusConfig.withOverrides(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url(),
                "management.host", "127.0.0.1", "management.port", "0", "refresh.ms", "300",
                "budget.credits.per.period", "1000"))).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        if (status != null) {
            status.close().await(30, TimeUnit.SECONDS);
        }
        if (intake != null) {
            intake.close(Duration.ofSeconds(30));
        }
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void statusJsonShowsTheFunnelKafkaHolds() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonObject json = new JsonObject(get(status.port(), "/status.json").body());
            assertThat(json.getString("error")).isNull();
            assertThat(funnel(json)).containsExactly(9L, 8L, 6L, 6L, 6L, 4L);
            assertThat(json.getLong("duplicates_dropped")).isEqualTo(2L);
            assertThat(json.getJsonObject("routed").getMap()).containsEntry("crm", 1).containsEntry("warehouse", 4);
            assertThat(json.getLong("unrouted")).isEqualTo(3L);
            assertThat(json.getJsonObject("dead_letters").getJsonObject("intake.decode").getMap())
                    .containsEntry("decode.magic_byte", 1);
            assertThat(json.getJsonObject("budget").getLong("credits_left")).isEqualTo(994L);
        });
    }

    @Test
    void theWebhookQuotaIsReadUnderTheClaySinkStateTopicsNewAndLegacyNames() {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonObject quota = new JsonObject(get(status.port(), "/status.json").body()).getJsonObject("webhook_quota");
            assertThat(quota.getJsonObject("webhooks").getMap()).containsOnly(Map.entry("a1b2c3", 5),
                    Map.entry("d4e5f6", 4));
            assertThat(quota.getLong("used")).isEqualTo(5L);
        });
    }

    @Test
    void metricsServeThePipelineGaugesUnderEveryNameTheDashboardQueries() {
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        // A scrape serves the last reading's gauges and asks for a fresh one: the send rate needs two.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String scrape = get(status.port(), "/metrics").body();
            assertThat(sample(scrape, "clayflow_pipeline_records", "stage=\"raw\"")).isEqualTo(9);
            assertThat(sample(scrape, "clayflow_pipeline_records", "stage=\"sent_to_clay\"")).isEqualTo(6);
            assertThat(sample(scrape, "clayflow_pipeline_routed", "route=\"warehouse\"")).isEqualTo(4);
            assertThat(sample(scrape, "clayflow_pipeline_unrouted", "")).isEqualTo(3);
            assertThat(sample(scrape, "clayflow_pipeline_dead_letters", "reason=\"decode.magic_byte\"")).isEqualTo(1);
            assertThat(sample(scrape, "clayflow_pipeline_duplicates_dropped", "")).isEqualTo(2);
            assertThat(sample(scrape, "clayflow_pipeline_credits_left", "")).isEqualTo(994);
            assertThat(sample(scrape, "clayflow_pipeline_clay_send_rate", "")).isGreaterThanOrEqualTo(0);
            assertThat(GrafanaDashboard.scrapedNames(scrape)).as("what the status app serves at /metrics")
                    .containsAll(dashboard.metricNamesStartingWith("clayflow_pipeline_"));
        });
    }

    @Test
    void healthIsLiveAndReadyWhileKafkaCanBeRead() throws Exception {
        assertThat(get(status.port(), "/health/live").body()).contains("\"UP\"");
        assertThat(get(status.port(), "/health/ready").body()).contains("\"kafka\":\"UP\"");
    }

    @Test
    void aStatusAppThatCannotReachKafkaIsLiveButNotReady() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StatusServer lost = StatusServer.start(vertx, StatusConfig.withOverrides(Map.of(
                "bootstrap.servers", "127.0.0.1:" + closedPort, "management.host", "127.0.0.1",
                "management.port", "0", "timeout.ms", "1000"))).await(30, TimeUnit.SECONDS);
        try {
            assertThat(send(lost.port(), "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> ready = send(lost.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getString("kafka")).startsWith("DOWN: cannot reach the Kafka "
                    + "cluster at 127.0.0.1:" + closedPort);
        } finally {
            lost.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void headlessChromiumDrawsThePageWithTheCounts() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), "chromium not found (apt-get install -y chromium, or "
                + "set CLAYFLOW_CHROMIUM): the page's drawing is not checked");
        statusJsonShowsTheFunnelKafkaHolds();
        URI page = uri(status.port(), "/status");

        String dom = chromium.get().dumpDom(page, Duration.ofSeconds(5));

        assertThat(dom).contains("data-ready=\"true\"");
        Map<String, String> expected = new HashMap<>(Map.of("count-raw", "9", "count-valid", "8", "count-unique", "6",
                "count-released", "6", "count-sent_to_clay", "6", "count-enriched", "4", "count-route-crm", "1",
                "count-route-warehouse", "4", "dlq-intake.decode", "1", "budget-left", "994"));
        expected.put("count-unrouted", "3");
        expected.put("quota-used", "5");
        expected.put("duplicates", "2");
        expected.forEach((id, count) -> assertThat(text(dom, id)).as("#%s", id).isEqualTo(count));
        Path screenshot = chromium.get().screenshot(page, Path.of("target", "status-page.png"), 1280, 900,
                Duration.ofSeconds(5));
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    private static KafkaAvroSerializer serializer(SchemaRegistryServer registry) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", registry.url(), "auto.register.schemas", "true"), false);
        return serializer;
    }

    private static Lead lead(String email) {
        return Lead.newBuilder().setEmail(email).setSource("web-form").setOccurredAt(Instant.now()).build();
    }

    private static KafkaStreams intake(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(IntakeConfig.BUDGET_ACTIONS_PER_PERIOD, "1000");
        props.put(IntakeConfig.COST_ACTIONS_PER_ROW, "1");
        props.put("streams.state.dir", Files.createTempDirectory("status-app-it").toString());
        props.put("streams.commit.interval.ms", "200");
        props.put("streams.num.standby.replicas", "0");
        IntakeConfig config = new IntakeConfig(props);
        SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>();
        serde.configure(config.serdeConfigs(), false);
        return new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties());
    }

    /**
     * The Clay sink's consumer group as Connect names it, caught up: every released lead sent. (Its lag counts
     * offsets, transaction markers included, so a sink part-way through reads a little behind.)
     */
    private static void commitTheClaySinkGroupToTheEnd(KafkaBroker kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.adminProps())) {
            TopicPartition outbox = new TopicPartition(Topics.LEADS_CLAY_OUTBOX, 0);
            long end = admin.listOffsets(Map.of(outbox, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(outbox).offset();
            admin.alterConsumerGroupOffsets("connect-clay-webhook-sink", Map.of(outbox, new OffsetAndMetadata(end)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Long> funnel(JsonObject status) {
        return status.getJsonArray("funnel").stream().map(stage -> ((JsonObject) stage).getLong("count")).toList();
    }

    private static ProducerRecord<byte[], byte[]> route(String topic, String leadId, String routes) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(leadId), bytes("routed " + leadId));
        record.headers().add(RouteHeaders.ROUTES, bytes(routes));
        return record;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The text of the element with this id in the serialized DOM. */
    private static String text(String dom, String id) {
        Matcher matcher = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(matcher.find()).as("#%s in the page", id).isTrue();
        return matcher.group(1).trim();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double sample(String scrape, String name, String label) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (matcher.find()) {
            if (label.isEmpty() || (matcher.group(1) != null && matcher.group(1).contains(label))) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError(name + " {" + label + "} not in the scrape");
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpResponse<String> response = send(port, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response;
    }
}
