package io.clayflow.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clayflow.gateway.GatewayConfigLoader;
import io.clayflow.gateway.GatewayServer;
import io.clayflow.intake.IntakeConfig;
import io.clayflow.intake.IntakeTopology;
import io.clayflow.schemas.Lead;
import io.clayflow.schemas.Topics;
import io.clayflow.schemas.serde.SpecificAvroSerde;
import io.clayflow.testsupport.ClayflowIntegrationTest;
import io.clayflow.testsupport.GrafanaDashboard;
import io.clayflow.testsupport.HeadlessChromium;
import io.clayflow.testsupport.KafkaBroker;
import io.clayflow.testsupport.SchemaRegistryServer;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The status page on the gateway's management port, against a real broker, registry and intake app: leads posted to
 * the gateway (some copies), a poison record, intake releasing the unique ones, a Clay-sink consumer group caught up,
 * callbacks, routed records and a webhook count. {@code /status.json} and the {@code clayflow_pipeline_*} gauges
 * show those counts; headless Chromium draws the page with them (its DOM is checked, its screenshot saved under
 * target/); every gateway metric the Grafana dashboard queries is served.
 */
@ClayflowIntegrationTest
class StatusPageIT {

    private static final String LEADS_TOKEN = "status-leads";
    private static final String CALLBACK_TOKEN = "status-callback";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void thePageDrawsTheFunnelKafkaHolds(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        for (String topic : List.of(Topics.LEADS_RAW, Topics.LEADS_CLAY_OUTBOX, Topics.LEADS_ENRICHED,
                Topics.LEADS_DLQ, Topics.LEADS_ROUTE_CRM, Topics.LEADS_ROUTE_WAREHOUSE)) {
            kafka.createTopic(topic, 1);
        }
        kafka.createTopic("clayflow.clay-webhook-quota", 1, Map.of("cleanup.policy", "compact"));

        Map<String, String> settings = new HashMap<>();
        settings.put("http.host", "127.0.0.1");
        settings.put("http.port", "0");
        settings.put("management.host", "127.0.0.1");
        settings.put("management.port", "0");
        settings.put("callback.tokens", CALLBACK_TOKEN);
        settings.put("leads.tokens", LEADS_TOKEN);
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("serde.schema.registry.url", registry.url());
        settings.put("status.refresh.ms", "300");
        settings.put("status.budget.credits.per.period", "1000");
        Vertx vertx = Vertx.vertx();
        GatewayServer gateway = GatewayServer.start(vertx, GatewayConfigLoader.withOverrides(settings))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            // 6 people, 2 of them twice, through the gateway; one record no decoder can read.
            HttpResponse<String> posted = post(gateway.httpPort(), "/v1/leads", LEADS_TOKEN, """
                    [{"source": "web-form", "email": "ann@acme.com"}, {"source": "web-form", "email": "bo@acme.com"},
                     {"source": "web-form", "email": "cy@acme.com"}, {"source": "web-form", "email": "di@acme.com"},
                     {"source": "web-form", "email": "ed@acme.com"}, {"source": "web-form", "email": "fay@acme.com"},
                     {"source": "web-form", "email": "ANN@acme.com"}, {"source": "web-form", "email": " bo@acme.com"}]
                    """);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            kafka.produceAll(List.of(new ProducerRecord<>(Topics.LEADS_RAW,
                    "not avro".getBytes(StandardCharsets.UTF_8))));

            try (KafkaStreams intake = intake(kafka, registry)) {
                intake.start();
                // Committed records, not end offsets: intake writes transactions, whose markers take offsets too.
                assertThat(kafka.consume(Topics.LEADS_CLAY_OUTBOX, 6, TIMEOUT)).hasSize(6);
                // The Clay sink's consumer group as Connect names it, caught up: every released lead sent. (Its lag
                // counts offsets, transaction markers included, so a sink part-way through reads a little behind.)
                try (Admin admin = Admin.create(kafka.adminProps())) {
                    TopicPartition outbox = new TopicPartition(Topics.LEADS_CLAY_OUTBOX, 0);
                    long end = admin.listOffsets(Map.of(outbox, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                            .get(outbox).offset();
                    admin.alterConsumerGroupOffsets("connect-clay-webhook-sink",
                            Map.of(outbox, new OffsetAndMetadata(end))).all().get(30, TimeUnit.SECONDS);
                }
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> callback = post(gateway.httpPort(), "/v1/clay/callback", CALLBACK_TOKEN,
                            "{\"lead_id\": \"lead-" + i + "\", \"email\": \"p" + i + "@acme.com\", "
                                    + "\"source\": \"web-form\", \"icp_score\": " + (60 + 10 * i) + "}");
                    assertThat(callback.statusCode()).as(callback.body()).isBetween(200, 299);
                }
                kafka.produceAll(List.of(route(Topics.LEADS_ROUTE_CRM, "lead-3"),
                        route(Topics.LEADS_ROUTE_WAREHOUSE, "lead-0"), route(Topics.LEADS_ROUTE_WAREHOUSE, "lead-1"),
                        route(Topics.LEADS_ROUTE_WAREHOUSE, "lead-2"), route(Topics.LEADS_ROUTE_WAREHOUSE, "lead-3"),
                        new ProducerRecord<>("clayflow.clay-webhook-quota", bytes("a1b2c3"), bytes("5"))));

                int management = gateway.managementPort();
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonObject status = new JsonObject(get(management, "/status.json").body());
                    assertThat(funnel(status)).containsExactly(9L, 8L, 6L, 6L, 6L, 4L);
                    assertThat(status.getJsonObject("routed").getMap()).containsEntry("crm", 1)
                            .containsEntry("warehouse", 4);
                    assertThat(status.getJsonObject("dead_letters").getJsonObject("intake.decode").getMap())
                            .containsEntry("decode.magic_byte", 1);
                    assertThat(status.getJsonObject("budget").getLong("credits_left")).isEqualTo(994L);
                    assertThat(status.getJsonObject("webhook_quota").getLong("used")).isEqualTo(5L);
                });

                // A scrape serves the last reading's gauges and asks for a fresh one: the send rate needs two.
                GrafanaDashboard dashboard = GrafanaDashboard.load();
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    String scrape = get(management, "/metrics").body();
                    assertThat(sample(scrape, "clayflow_pipeline_records", "stage=\"raw\"")).isEqualTo(9);
                    assertThat(sample(scrape, "clayflow_pipeline_records", "stage=\"sent_to_clay\"")).isEqualTo(6);
                    assertThat(sample(scrape, "clayflow_pipeline_routed", "route=\"warehouse\"")).isEqualTo(4);
                    assertThat(sample(scrape, "clayflow_pipeline_dead_letters", "reason=\"decode.magic_byte\""))
                            .isEqualTo(1);
                    assertThat(sample(scrape, "clayflow_pipeline_duplicates_dropped", "")).isEqualTo(2);
                    assertThat(sample(scrape, "clayflow_pipeline_credits_left", "")).isEqualTo(994);
                    assertThat(sample(scrape, "clayflow_pipeline_clay_send_rate", "")).isGreaterThanOrEqualTo(0);
                    assertThat(GrafanaDashboard.scrapedNames(scrape)).as("what the gateway serves at /metrics")
                            .containsAll(dashboard.metricNamesStartingWith("gateway_"))
                            .containsAll(dashboard.metricNamesStartingWith("clayflow_pipeline_"));
                });

                Optional<HeadlessChromium> chromium = HeadlessChromium.find();
                Assumptions.assumeTrue(chromium.isPresent(), "chromium not found (apt-get install -y chromium, or "
                        + "set CLAYFLOW_CHROMIUM): the page's drawing is not checked");
                URI page = URI.create("http://127.0.0.1:" + management + "/status");
                String dom = chromium.get().dumpDom(page, Duration.ofSeconds(5));
                assertThat(dom).contains("data-ready=\"true\"");
                assertThat(text(dom, "count-raw")).isEqualTo("9");
                assertThat(text(dom, "count-valid")).isEqualTo("8");
                assertThat(text(dom, "count-unique")).isEqualTo("6");
                assertThat(text(dom, "count-released")).isEqualTo("6");
                assertThat(text(dom, "count-sent_to_clay")).isEqualTo("6");
                assertThat(text(dom, "count-enriched")).isEqualTo("4");
                assertThat(text(dom, "count-route-crm")).isEqualTo("1");
                assertThat(text(dom, "count-route-warehouse")).isEqualTo("4");
                assertThat(text(dom, "dlq-intake.decode")).isEqualTo("1");
                assertThat(text(dom, "budget-left")).isEqualTo("994");
                assertThat(text(dom, "quota-used")).isEqualTo("5");
                assertThat(text(dom, "duplicates")).isEqualTo("2");
                Path screenshot = chromium.get().screenshot(page, Path.of("target", "status-page.png"), 1280, 900,
                        Duration.ofSeconds(5));
                assertThat(Files.size(screenshot)).isGreaterThan(10_000);
            }
        } finally {
            gateway.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaStreams intake(KafkaBroker kafka, SchemaRegistryServer registry) throws Exception {
        Map<String, String> props = new HashMap<>(IntakeConfig.classpathDefaults());
        props.put(IntakeConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        props.put(IntakeConfig.SCHEMA_REGISTRY_URL, registry.url());
        props.put(IntakeConfig.BUDGET_CREDITS_PER_PERIOD, "1000");
        props.put("streams.state.dir", Files.createTempDirectory("status-page-it").toString());
        props.put("streams.commit.interval.ms", "200");
        props.put("streams.num.standby.replicas", "0");
        IntakeConfig config = new IntakeConfig(props);
        SpecificAvroSerde<Lead> serde = new SpecificAvroSerde<>();
        serde.configure(config.serdeConfigs(), false);
        return new KafkaStreams(IntakeTopology.buildTopology(config, serde), config.streamsProperties());
    }

    private static List<Long> funnel(JsonObject status) {
        return status.getJsonArray("funnel").stream().map(stage -> ((JsonObject) stage).getLong("count")).toList();
    }

    private static ProducerRecord<byte[], byte[]> route(String topic, String leadId) {
        return new ProducerRecord<>(topic, bytes(leadId), bytes("routed " + leadId));
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

    private HttpResponse<String> post(int port, String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response;
    }
}
